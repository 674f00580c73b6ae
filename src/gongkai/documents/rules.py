"""Pure rules of the disclosure catalogue (no Django).

* Validity (RULES.md §9): a document is 有效 / 已修改 / 已废止 / 已失效.  Repeal and
  amendment are recorded facts; 已失效 is derived: the document has a ``valid_until``
  date and that date has passed (the day itself is still valid).  A repeal outranks
  an amendment, and both outrank expiry (the banner names the act that ended it).
* Disclosure attribute (条例 第十四至十六条; work plan task 11): a document that is not
  proactively disclosed must say why.
* Interpretation (RULES.md §12, 国办发〔2016〕19号): the 解读 is published within
  3 working days after the policy; a policy that needs one is not published before its
  interpretation is approved, unless a reviewer waives it with a reason.
"""

from __future__ import annotations

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
