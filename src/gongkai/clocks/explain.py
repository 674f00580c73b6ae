"""The "why this date" lines in the reader's language.

``core.clocks`` and ``core.workcal`` explain a due date in Chinese (pure code, no
translation machinery). On an English page each line is rebuilt from its parts: the
names the modules declare (rule titles, event labels) and the holiday names through
gettext, then the fixed phrases of the explanation (English below). Dates, numbers
and the legal citations stay as they are.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import get_language, gettext

from .selectors import clock_rules

# The phrases the explanation is made of, longest first where one contains another.
# fmt: off
PHRASES: tuple[tuple[str, str], ...] = (
    ("（当日不计入，民法典第二百零一条）", " (that day itself not counted, Civil Code Art. 201)"),
    ("（晚于当时的到期时间）", " (after the due date at that time)"),
    ("（按此时恢复推算）", " (reckoned as if it resumed now)"),
    ("告知申请人的延期答复日期，条例第三十五条", "the later reply date told to the applicant, Regulations Art. 35"),
    ("，尚未恢复，截至 ", ", not yet resumed; up to "),
    ("告知申请人于 ", "applicant told to expect the reply by "),
    (" 前答复", ""),
    ("（原期限 ", " (statutory date "),
    ("重新起算：", "Restarts: "),
    ("起算：", "Starts: "),
    ("暂停：", "Paused: "),
    ("已结束：", "Ended: "),
    ("到期：", "Due: "),
    ("延长 ", "Extended by "),
    ("，不计入 ", ", not counted: "),
    (" 不计入 ", " not counted: "),
    ("共计 ", "in all "),
    ("，暂定", ", provisional"),
    ("其间周末 ", "Weekends in between: "),
    (" 天不计入", " days not counted"),
    ("调休上班", " make-up working day"),
    ("放假", " holiday"),
    ("个工作日", " working days"),
    ("小时", " h"),
    ("个月", " months"),
    ("按期", "on time"),
    ("逾期", "late"),
    (" 至 ", " to "),
    ("：", ": "),
    ("（", " ("),
    ("）", ")"),
    ("，", ", "),
    ("、", ", "),
    ("；", "; "),
)
# fmt: on
HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


@cache
def _names() -> tuple[str, ...]:
    """Rule titles and event labels, longest first (a label may contain another)."""
    found: set[str] = set(HOLIDAYS)
    for rule in clock_rules():
        found.add(rule.title)
        found.update(label for _kind, label in rule.labels)
    return tuple(sorted(found, key=len, reverse=True))


def explain_line(line: str) -> str:
    """``line`` in the active language (unchanged on Chinese pages)."""
    if (get_language() or "zh-hans").startswith("zh"):
        return line
    # A name stands at the start of the line or after a space, never inside a
    # citation (公开 is an event, and a word of 政府信息公开条例).
    for name in _names():
        if name in line:
            text = gettext(name).replace("\\", "\\\\")
            line = re.sub(rf"(^|(?<= )){re.escape(name)}", text, line)
    line = re.sub(r"(\d+)小时(\d+)分钟", r"\1 h \2 min", line)
    for chinese, other in PHRASES:
        line = line.replace(chinese, other)
    return re.sub(r" {2,}", " ", line).strip()
