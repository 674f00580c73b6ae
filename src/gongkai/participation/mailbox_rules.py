"""Pure rules of the mailbox, proposals and incidents: what the public sees of a text,
the inspection's 3-month red line, and the monthly counts (no Django).

* Contact data in a published text (ID numbers, mobiles, bank cards, e-mails, found
  by ``core.text.scan_personal_data``) is masked, and so is the writer's own name
  (core.ids.mask_name, 张三 -> 张*): RULES §3.3, 国办发〔2014〕46号 (replies published
  without contact details).
* 国办秘函〔2019〕19号 互动回应差: a valid message received in the year before the check
  point and unanswered for more than 3 months (民法典 第二百零二条 for the months)
  fails the site outright.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.core.ids import mask_id_number, mask_name, mask_phone
from gongkai.core.text import scan_personal_data
from gongkai.core.workcal import add_months

RED_LINE_MONTHS = 3


def mask_contacts(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with personal data masked and each of ``names`` (2+ chars) masked."""
    if not text:
        return text
    for finding in reversed(scan_personal_data(text)):
        if finding.kind == "id_number":
            shown = mask_id_number(finding.value)
        elif finding.kind == "mobile":
            shown = mask_phone(finding.value)
        else:
            shown = "*" * 4
        text = text[: finding.start] + shown + text[finding.end :]
    for name in names:
        name = name.strip()
        if len(name) >= 2 and not any(c in "某*＊" for c in name[1:]):
            text = text.replace(name, mask_name(name))
    return text


def red_line_date(received_on: date) -> date:
    """The last day a message received on ``received_on`` may stay unanswered."""
    # 国办秘函〔2019〕19号: "超过3个月未回复"; 民法典 第二百零二条 for the months
    return add_months(received_on, RED_LINE_MONTHS)


def is_past_red_line(received_on: date, *, answered_on: date | None, on: date) -> bool:
    """True when, by ``on``, the message stayed unanswered for more than 3 months
    (answered late or not at all: the inspection counts both)."""
    last = red_line_date(received_on)
    return on > last and (answered_on is None or answered_on > last)


def in_inspection_window(received_on: date, *, on: date) -> bool:
    """国办秘函〔2019〕19号: the inspection looks at the year before the check point."""
    return received_on > add_months(on, -12)


@dataclass(frozen=True)
class MonthCount:
    """The counts of one month of messages (by month of receipt)."""

    month: str  # YYYY-MM
    received: int
    answered: int
    on_time: int
    average_days: float | None  # calendar days from receipt to answer


def month_counts(
    rows: Iterable[tuple[datetime, datetime | None, bool | None]],
) -> list[MonthCount]:
    """Counts per month from (received_at, answered_at, on_time) rows in local time;
    ``on_time`` is None when the site clock did not decide (no clock)."""
    months: dict[str, list[tuple[datetime, datetime | None, bool | None]]] = {}
    for row in rows:
        months.setdefault(row[0].strftime("%Y-%m"), []).append(row)
    out = []
    for month in sorted(months):
        items = months[month]
        answered = [(r, a) for r, a, _ in items if a is not None]
        days = [(a - r).total_seconds() / 86400 for r, a in answered]
        out.append(
            MonthCount(
                month=month,
                received=len(items),
                answered=len(answered),
                on_time=sum(1 for _, a, ok in items if a is not None and ok),
                average_days=round(sum(days) / len(days), 1) if days else None,
            )
        )
    return out


_NOT_PUBLIC = ("/workbench/", "/admin/", "/api/", "/accounts/")


def clean_about(value: str) -> str:
    """The path of a public page of this site from ``?about=``, or "" when it is not
    one (another site, a scheme, a staff page, control characters, too long)."""
    path = (value or "").strip()
    if (
        not path.startswith("/")
        or path.startswith("//")
        or "\\" in path
        or len(path) > 300
        or any(ord(c) < 32 or c.isspace() for c in path)
        or path.startswith(_NOT_PUBLIC)
    ):
        return ""
    return path


# ---------------------------------------------------------------- imports

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M",
                 "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日")  # fmt: skip


def parse_when(value: object) -> datetime | None:
    """A cell as a naive local date-time (a date alone is 00:00), or None when it
    cannot be read; the caller attaches the time zone and reports the row."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)  # noqa: DTZ001 - naive
    text = str(value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)  # noqa: DTZ007 - zone added by caller
        except ValueError:
            continue
    return None


YES = {"是", "公开", "同意", "y", "yes", "1", "true"}
NO = {"否", "不公开", "不同意", "n", "no", "0", "false", ""}


def parse_yes_no(value: object) -> bool | None:
    """是/否 (and common spellings) as a bool, None when unreadable."""
    text = str(value if value is not None else "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None
