"""Pure rules of the disclosure catalogue (no Django).

* Validity (RULES.md §9): a document is 有效 / 已修改 / 已废止 / 已失效.  Repeal and
  amendment are recorded facts; 已失效 is derived: the document has a ``valid_until``
  date and that date has passed (the day itself is still valid).  A repeal outranks
  an amendment, and both outrank expiry (the banner names the act that ended it).
* Disclosure attribute (条例 第十四至十六条; work plan task 11): a document that is not
  proactively disclosed must say why.
* 行政规范性文件 validity (RULES.md §9, local practice, configurable; no national
  rule [UNVERIFIED for the province]): valid for 5 years from 实施 (2 for 暂行 / 试行),
  to be evaluated within the 6 months before it lapses.
* Annual report table 2 (条例 第二十条第（一）项; 国办公开办函〔2021〕30号): a document
  ends on its repeal date or, when ``valid_until`` passes, on the day after it (it
  lapses); it is counted as 废止 in the year it ended and not as 现行有效 at 31 December
  of that year.
* Interpretation (RULES.md §12, 国办发〔2016〕19号): the 解读 is published within
  3 working days after the policy; a policy that needs one is not published before its
  interpretation is approved, unless a reviewer waives it with a reason.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from typing import Protocol

INTERPRETATION_WORKING_DAYS = 3  # RULES.md §12: 解读材料 within 3 working days


class Calendar(Protocol):
    def add_working_days(self, start: dt.date, n: int) -> dt.date: ...


def derived_validity(
    *, recorded: str, valid_until: dt.date | None, today: dt.date
) -> str:
    """The validity to show on ``today``: recorded repeal/amendment, else expiry."""
    if recorded in ("repealed", "amended"):
        return recorded
    if valid_until is not None and today > valid_until:
        return "expired"
    return "effective"


def disclosure_problem(*, disclosure: str, reason: str) -> str | None:
    """Why the disclosure attribute is incomplete, or None (条例 第十四至十六条)."""
    if disclosure != "proactive" and not reason.strip():
        return (
            "非主动公开的文件必须说明不公开或依申请公开的理由（条例第十四至十六条）。"
        )
    return None


def dates_problem(
    *,
    written_on: dt.date | None,
    effective_from: dt.date | None,
    valid_until: dt.date | None,
) -> str | None:
    """An inconsistency between the dates of a document, or None."""
    if valid_until and effective_from and valid_until < effective_from:
        return "有效期至不能早于实施日期。"
    if valid_until and written_on and valid_until < written_on:
        return "有效期至不能早于成文日期。"
    return None


def interpretation_blocks_publication(
    *, needs_interpretation: bool, waived: bool, approved_interpretations: int
) -> bool:
    """True when the policy must wait for its interpretation (RULES.md §12)."""
    return needs_interpretation and not waived and approved_interpretations == 0


def interpretation_due(*, policy_published_on: dt.date, calendar: Calendar) -> dt.date:
    """Last day to publish the interpretation: 3 working days after the policy."""
    return calendar.add_working_days(policy_published_on, INTERPRETATION_WORKING_DAYS)


def interpretation_is_late(
    *,
    policy_published_on: dt.date,
    interpretation_published_on: dt.date | None,
    today: dt.date,
    calendar: Calendar,
) -> bool:
    """Published after the due day, or still unpublished once the due day has passed."""
    due = interpretation_due(policy_published_on=policy_published_on, calendar=calendar)
    if interpretation_published_on is not None:
        return interpretation_published_on > due
    return today > due


# 条例 第十二条: what a 政府信息公开指南 must contain (field names of documents.Guide).
GUIDE_REQUIRED = (
    "classification", "arrangement", "proactive_access", "request_how",
    "request_handling", "supervision", "agency_name", "address", "office_hours",
    "phone", "fax", "email",
)  # fmt: skip


def guide_missing(values: dict[str, str]) -> list[str]:
    """The fields of 条例 第十二条 that ``values`` leaves empty, in the guide's order."""
    return [name for name in GUIDE_REQUIRED if not str(values.get(name) or "").strip()]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (民法典 第二百零二条: no such day → month end)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def is_trial(title: str) -> bool:
    """暂行 / 试行 in the title: the shorter validity (RULES.md §9)."""
    return "暂行" in title or "试行" in title


def normative_valid_until(
    *, title: str, starts: dt.date, years: int, trial_years: int
) -> dt.date:
    """The last valid day of a 行政规范性文件 from ``starts`` (实施日期): ``years``, or
    ``trial_years`` for 暂行 / 试行 (RULES.md §9); the day before the anniversary."""
    span = trial_years if is_trial(title) else years
    return add_months(starts, 12 * span) - dt.timedelta(days=1)


def evaluation_from(*, valid_until: dt.date, months_before: int) -> dt.date:
    """From this day a 行政规范性文件 is due for evaluation (RULES.md §9: 6 months
    before it lapses)."""
    return add_months(valid_until + dt.timedelta(days=1), -months_before)


def ended_on(
    *, validity: str, changed_on: dt.date | None, valid_until: dt.date | None
) -> dt.date | None:
    """The day a document stopped being in force, or None (module docstring):
    the repeal date, else the day after ``valid_until``."""
    lapsed = valid_until + dt.timedelta(days=1) if valid_until else None
    if validity == "repealed" and changed_on is not None:
        return min(changed_on, lapsed) if lapsed else changed_on
    return lapsed
