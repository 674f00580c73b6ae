"""Rules of consultations on drafts (征求意见) and open meetings, RULES.md §10.

Pure: every input (dates, texts, the current time) is a parameter; no settings, no ORM.

* 重大行政决策程序暂行条例 (国务院令第713号) 第十五条, 优化营商环境条例 第六十二条,
  规章制定程序条例 第十五条: a public consultation lasts generally at least 30 days;
  a shorter period is allowed for urgency, and the notice explains why.
* 重大行政决策程序暂行条例 第十六条、第十七条: a hearing gives its materials to the
  participants at least 7 days before it is held.
* 重大行政决策程序暂行条例 第三十二条: the decision explains how the public's
  opinions were adopted (the feedback report, 意见采纳情况反馈).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from gongkai.core.clocks import SHANGHAI
from gongkai.core.text import scan_personal_data

# 重大行政决策程序暂行条例 第十五条; 优化营商环境条例 第六十二条: generally ≥ 30 days,
# counted as days after the opening day (RULES.md §0, 民法典 第二百零一条)
MIN_PERIOD = dt.timedelta(days=30)
# 重大行政决策程序暂行条例 第十六条: hearing materials ≥ 7 days before the hearing
HEARING_NOTICE = dt.timedelta(days=7)

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"

ADOPTED, PARTLY, NOT_ADOPTED = "adopted", "partly", "not_adopted"
OUTCOMES = (ADOPTED, PARTLY, NOT_ADOPTED)

PII_LABELS = {
    "id_number": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}


def earliest_close(open_at: dt.datetime, *, tz: dt.tzinfo = SHANGHAI) -> dt.datetime:
    """The earliest lawful end of a full-length period opened at ``open_at``: the end
    (24:00) of the 30th day after the opening day. 民法典 第二百零一条: the day a
    period starts is not counted; 第二百零三条: it ends at 24:00 of its last day."""
    first = open_at.astimezone(tz).date()
    return dt.datetime.combine(
        first + MIN_PERIOD + dt.timedelta(days=1), dt.time.min, tz
    )


def period_problem(
    open_at: dt.datetime | None,
    close_at: dt.datetime | None,
    shortened_reason: str,
) -> str | None:
    """Why the period ``[open_at, close_at)`` is refused, or None when it is lawful."""
    if open_at is None or close_at is None:
        return "请填写征求意见的开始时间和截止时间。"
    if close_at <= open_at:
        return "截止时间必须晚于开始时间。"
    # 第十五条: "一般不少于30日"; shorter only with the reason stated in the notice
    if is_shortened(open_at, close_at) and not shortened_reason.strip():
        return (
            "征求意见期限少于30日，须填写缩短期限的理由"
            "（重大行政决策程序暂行条例 第十五条）。"
        )
    return None


def is_shortened(open_at: dt.datetime, close_at: dt.datetime) -> bool:
    """Whether the period is shorter than the general 30 days (counted as 民法典
    counts a period of days, see ``earliest_close``)."""
    return close_at < earliest_close(open_at)


def hearing_problem(
    materials_at: dt.datetime | None, hearing_at: dt.datetime | None
) -> str | None:
    """Why a hearing's schedule is refused (第十六条: materials ≥ 7 days ahead)."""
    if hearing_at is None and materials_at is None:
        return None
    if hearing_at is None or materials_at is None:
        return "举行听证会的，须同时填写听证时间和听证材料公布时间。"
    if hearing_at - materials_at < HEARING_NOTICE:
        return (
            "听证材料应当至少在听证会举行7日前公布"
            "（重大行政决策程序暂行条例 第十六条）。"
        )
    return None


def effective_close(
    close_at: dt.datetime, closed_at: dt.datetime | None
) -> dt.datetime:
    """When comments stop: the announced end, or an earlier recorded close."""
    return min(close_at, closed_at) if closed_at is not None else close_at


def phase(
    *,
    open_at: dt.datetime,
    close_at: dt.datetime,
    closed_at: dt.datetime | None,
    now: dt.datetime,
) -> str:
    """``upcoming``, ``open`` or ``closed`` at ``now`` for the period [open_at, close_at)."""
    if now < open_at:
        return UPCOMING
    if now >= effective_close(close_at, closed_at):
        return CLOSED
    return OPEN


def mask_personal_data(text: str) -> str:
    """The text with every 身份证号, mobile, bank card and e-mail replaced by a note."""
    for finding in reversed(scan_personal_data(text)):
        note = f"［已隐去{PII_LABELS.get(finding.kind, '个人信息')}］"
        text = text[: finding.start] + note + text[finding.end :]
    return text


def feedback_item_problem(outcome: str, reason: str) -> str | None:
    """A partly or not adopted opinion states why (第三十二条: explain the adoption)."""
    if outcome not in OUTCOMES:
        return "请选择采纳情况。"
    if outcome in (PARTLY, NOT_ADOPTED) and not reason.strip():
        return "部分采纳或未采纳的意见，须说明理由。"
    return None


def feedback_totals(items: Iterable[Mapping[str, object]]) -> dict[str, int]:
    """Opinions per outcome, summed over items ``{"outcome": str, "count": int}``."""
    totals = dict.fromkeys(OUTCOMES, 0)
    for item in items:
        outcome = str(item["outcome"])
        count = item.get("count", 1)
        totals[outcome] += count if isinstance(count, int) else 1
    return totals


def draft_problem(*, document_id: int | None, url: str, has_file: bool) -> str | None:
    """第十五条: the draft itself is published; link a catalogue document or attach it."""
    if document_id is None and not url.strip() and not has_file:
        return "请关联草案文件（公开目录中的文件或链接），或者上传草案附件。"
    return None
