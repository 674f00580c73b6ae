"""Statutory clocks as data: a rule plus a case's events gives the due moment.

The due date is never stored as truth: :func:`due` derives it from the events, the
rule version in force when the case started (``clock_rules.rule_for``) and the working-day
calendar. The current time is a parameter. Day arithmetic uses the Asia/Shanghai date.

* Day 0 is the date of the first start event; counting starts the next day
  (民法典 第二百零一条). A restart event makes its date the new day 0 and clears the
  count, pauses and extensions (条例 第三十条: corrected application received).
* Pause on day X, resume on day Y: days in (X, Y] are not counted (条例 第三十三条
  第三款). Pauses nest (parallel consultations). A pause after the period ran out
  changes nothing; if it ran out exactly on day X, it is due on day Y. While paused the
  state is PAUSED, ``remaining`` is None and the due date is projected as if the clock
  resumed now.
* A pause of a kind in ``pause_limits`` ends by itself after that many working days
  when nothing resumes it sooner (条例 第三十二条: the third party answers within 15
  working days of the consultation, silence lets the organ decide): sent on day X,
  days X+1 .. X+15 are not counted and counting resumes on day 16 without any event.
  A resume event arriving after that is accepted and changes nothing. While only
  bounded pauses hold the clock, ``resumes_at`` is the end of their last day.
* An extension adds ``value`` units (``extension_max`` if None), each at most
  ``extension_max``, at most ``max_extensions`` times (条例 第三十三条第二款). One
  recorded after the due moment is kept but flagged in the explanation.
* A deadline event (``deadline_event``; 条例 第三十五条 delayed reply) replaces the
  computed due date with a fixed one: ``value`` calendar days after the event's date,
  the date the applicant was told. It must fall after the due date it replaces; the
  latest one counts; a restart clears it; pauses no longer move the due date.
* A stop event gives STOPPED, keeps the due information and sets ``stopped_late``
  when it came at or after ``due_at``. Ignored: events after a stop, events later than
  ``now`` (so ``due(..., now=t)`` replays the past), kinds the rule does not name.
* WORKING_DAY: the n-th counted working day; ``due_at`` is its 24:00 (第二百零三条).
  CALENDAR_DAY: the n-th counted day, moved to the next working day when it is a rest
  day (民法典 第二百零三条), unless ``rest_day_moves`` is False (a fixed date such as
  "by 31 January", 条例 第四十九条). HOUR: round the clock, start + length + paused time.
  MONTH: the corresponding day of the last month (民法典 第二百零二条), moved off a
  rest day as CALENDAR_DAY; a month rule has no pauses.
* DUE_SOON when at most ``due_soon`` units remain (working days after today, calendar
  days, or hours); OVERDUE when ``now >= due_at``. ``paused_days`` counts the units
  not counted because of pauses (whole hours for HOUR); ``paused`` is the duration.

Invalid sequences raise :class:`ClockError` with a message for staff: no start event,
events out of order, resume with nothing paused, extension on a rule without one, too
long or too many extensions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from gongkai.core.clock_types import (
    ClockError,
    ClockRule,
    ClockStatus,
    Event,
    RuleNotFoundError,
    State,
    Unit,
)
from gongkai.core.workcal import WorkCalendar, add_months

__all__ = [
    "SHANGHAI",
    "ClockError",
    "ClockRule",
    "ClockStatus",
    "Event",
    "RuleNotFoundError",
    "State",
    "Unit",
    "due",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The conventional extension kind: rejected on rules that have no extension.
EXTEND_EVENT = "extended"

_UNIT_LABELS = {
    Unit.WORKING_DAY: "个工作日",
    Unit.CALENDAR_DAY: "日",
    Unit.HOUR: "小时",
    Unit.MONTH: "个月",
}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class _Pause:
    at: datetime
    kind: str
    until: datetime | None = None
    resume_kind: str = ""
    # Chinese names of the two events, for the explanation (the rule's labels)
    label: str = ""
    resume_label: str = ""


@dataclass
class _Hold:
    """One open pause event; ``ends`` is when a bounded one ends by itself."""

    kind: str
    ends: datetime | None


@dataclass
class _Run:
    """The events that matter, after replay (mutable scratch state)."""

    start: Event
    restarts: list[Event] = field(default_factory=list)
    pauses: list[_Pause] = field(default_factory=list)
    holds: list[_Hold] = field(default_factory=list)
    expired: int = 0  # bounded holds ended by themselves, not yet answered
    extensions: list[tuple[Event, int]] = field(default_factory=list)
    deadline: Event | None = None
    stop: Event | None = None

    @property
    def depth(self) -> int:
        return len(self.holds)

    def resumes_at(self) -> datetime | None:
        """When every open hold is bounded: the end of the last one."""
        ends = [h.ends for h in self.holds]
        if not ends or any(e is None for e in ends):
            return None
        return max(e for e in ends if e is not None) + timedelta(microseconds=1)


def _expire(run: _Run, before: datetime) -> None:
    """End the bounded holds whose last day ended before ``before``."""
    gone = [h for h in run.holds if h.ends is not None and h.ends < before]
    if not gone:
        return
    run.holds = [h for h in run.holds if h not in gone]
    run.expired += len(gone)
    if not run.holds:
        last = max(h.ends for h in gone if h.ends is not None)
        run.pauses[-1].until = last
        run.pauses[-1].resume_kind = "limit_reached"
        run.pauses[-1].resume_label = "期限届满，自动恢复计算（条例第三十二条）"


def _limit_end(
    event: Event, days: int | None, cal: WorkCalendar, tz: ZoneInfo
) -> datetime | None:
    """The last moment of a bounded pause: its ``days``-th working day, 24:00."""
    if days is None:
        return None
    last = cal.add_working_days(event.at.astimezone(tz).date(), days)
    return datetime.combine(last, time.max, tzinfo=tz)


def _replay(
    events: Sequence[Event],
    rule: ClockRule,
    now: datetime,
    cal: WorkCalendar,
    tz: ZoneInfo,
) -> _Run:
    """Validate the sequence and keep what the rule needs."""
    limits = dict(rule.pause_limits)
    for earlier, later in pairwise(events):
        if later.at < earlier.at:
            raise ClockError(
                f"事件顺序错误：{rule.label(later.kind)}（{later.at.isoformat()}）"
                f"早于{rule.label(earlier.kind)}（{earlier.at.isoformat()}）"
            )
    named = rule.restart_events | rule.pause_events | rule.resume_events
    named |= rule.stop_events
    run: _Run | None = None
    for event in events:
        kind = event.kind
        if event.at > now or (run is not None and run.stop is not None):
            break
        if rule.extend_event is None and kind == EXTEND_EVENT:
            raise ClockError(f"{rule.title}不能延长")
        if run is not None:
            _expire(run, event.at)
        if run is None:
            if kind in rule.start_events:
                run = _Run(start=event)
            elif kind in named or kind in (rule.extend_event, rule.deadline_event):
                raise ClockError(f"{rule.title}尚未起算，不能记录“{rule.label(kind)}”")
        elif kind in rule.restart_events:
            # 条例 第三十条: the period runs again from the corrected application
            run.restarts.append(event)
            run.pauses, run.holds, run.expired, run.extensions = [], [], 0, []
            run.deadline = None
        elif kind in rule.pause_events:
            run.holds.append(_Hold(kind, _limit_end(event, limits.get(kind), cal, tz)))
            if run.depth == 1:
                run.pauses.append(_Pause(event.at, kind, label=rule.label(kind)))
        elif kind in rule.resume_events:
            if run.depth == 0:
                if run.expired:  # its bounded pause already ended by itself
                    run.expired -= 1
                    continue
                raise ClockError(f"“{rule.label(kind)}”之前没有暂停事件")
            # A bounded hold first: the answer ends the consultation it answers.
            bounded = [h for h in run.holds if h.ends is not None]
            run.holds.remove(bounded[0] if bounded else run.holds[0])
            if run.depth == 0:
                last = run.pauses[-1]
                last.until, last.resume_kind = event.at, kind
                last.resume_label = rule.label(kind)
        elif kind == rule.extend_event:
            run.extensions.append((event, _extension(event, rule, len(run.extensions))))
        elif kind == rule.deadline_event:
            if event.value is None or event.value <= 0:
                raise ClockError(f"“{rule.label(kind)}”的期限必须晚于告知之日")
            run.deadline = event
        elif kind in rule.stop_events:
            run.stop = event
    if run is None:
        raise ClockError(
            f"{rule.title}没有起算事件（{'、'.join(sorted(rule.start_events))}）"
        )
    _expire(run, run.stop.at if run.stop is not None else now)
    return run


def _extension(event: Event, rule: ClockRule, already: int) -> int:
    """The validated length of an extension event."""
    # 条例 第三十三条第二款: (foi.reply) one extension of at most 20 working days
    unit = _UNIT_LABELS[rule.unit]
    value = rule.extension_max if event.value is None else event.value
    if value <= 0:
        raise ClockError(f"延长期限必须大于 0{unit}")
    if value > rule.extension_max:
        raise ClockError(
            f"{rule.title}最多延长 {rule.extension_max}{unit}，不能延长 {value}{unit}"
        )
    if already >= rule.max_extensions:
        raise ClockError(f"{rule.title}最多延长 {rule.max_extensions} 次")
    return value


@dataclass
class _Due:
    due_at: datetime
    due_date: date
    provisional: bool = False
    paused_units: int = 0
    paused: timedelta = timedelta(0)
    events: list[tuple[datetime, str]] = field(default_factory=list)  # pause lines
    lines: list[str] = field(default_factory=list)  # calendar lines


def _end_of(day: date, tz: ZoneInfo) -> datetime:
    # 民法典 第二百零三条: the last day ends at 24:00, i.e. 00:00 of the next day
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def _pause_line(
    pause: _Pause, since: str, until: str, spent: str
) -> tuple[datetime, str]:
    text = f"暂停：{since} {pause.label}"
    if pause.until is None:
        return (
            pause.at,
            f"{text}，尚未恢复，截至 {until} 不计入 {spent}（按此时恢复推算）",
        )
    return pause.at, f"{text} 至 {until} {pause.resume_label}，不计入 {spent}"


def _hours(
    run: _Run, origin: datetime, total: int, as_of: datetime, tz: ZoneInfo
) -> _Due:
    """Round-the-clock periods (incident clocks): paused time is added on."""
    cursor, remaining = origin, timedelta(hours=total)
    out = _Due(origin, origin.date())
    for pause in run.pauses:
        until = pause.until or as_of
        if pause.at - cursor > remaining:  # the period ran out before this pause
            break
        remaining -= pause.at - cursor
        out.paused += until - pause.at
        minutes = int((until - pause.at).total_seconds()) // 60
        spent = f"{minutes // 60}小时{minutes % 60}分钟"
        out.events.append(
            _pause_line(pause, _fmt(pause.at, tz), _fmt(until, tz), spent)
        )
        cursor = until
    out.due_at = cursor + remaining
    out.due_date = out.due_at.astimezone(tz).date()
    out.paused_units = out.paused // timedelta(hours=1)
    return out


def _days(
    run: _Run,
    origin: date,
    total: int,
    as_of: date,
    rule: ClockRule,
    cal: WorkCalendar,
    tz: ZoneInfo,
    detail: bool,
) -> _Due:
    """Working-day or calendar-day periods; days in (pause, resume] are not counted."""
    working = rule.unit is Unit.WORKING_DAY

    def count(a: date, b: date) -> int:
        return cal.working_days_between(a, b) if working else max((b - a).days, 0)

    cursor, remaining, out = origin, total, _Due(_EPOCH, origin)
    segments: list[tuple[date, int]] = []
    for pause in run.pauses:
        x = pause.at.astimezone(tz).date()
        y = pause.until.astimezone(tz).date() if pause.until else max(as_of, x)
        counted = count(cursor, x)
        if counted > remaining:  # the period ran out before this pause
            break
        segments.append((cursor, counted))
        remaining -= counted
        # 条例 第三十三条第三款: consultation time is not counted
        skipped = count(x, y)
        out.paused_units += skipped
        out.paused += y - x
        spent = f"{skipped}{_UNIT_LABELS[rule.unit]}"
        out.events.append(_pause_line(pause, x.isoformat(), y.isoformat(), spent))
        cursor = y
    segments.append((cursor, remaining))
    if working:
        due_day: date = cal.add_working_days(cursor, remaining)
        for seg_start, counted in segments if detail else ():
            out.lines.extend(cal.explain(seg_start, counted).calendar_lines())
        out.lines = list(dict.fromkeys(out.lines))
    else:
        due_day = (
            add_months(cursor, remaining)
            if rule.unit is Unit.MONTH
            else cursor + timedelta(days=remaining)
        )
        if rule.rest_day_moves and not cal.is_working_day(due_day):
            # 民法典 第二百零三条: a last day on a rest day moves to the next working
            # day
            moved = cal.add_working_days(due_day, 1)
            reason = cal.rest_reason(due_day)
            out.lines.append(
                f"最后一日 {due_day.isoformat()} 为休息日（{reason}），"
                f"顺延至 {moved.isoformat()}（民法典第二百零三条）"
            )
            due_day = moved
    years = range((origin + timedelta(days=1)).year, due_day.year + 1)
    # A fixed date does not depend on the holiday table, so it is never provisional.
    out.provisional = (working or rule.rest_day_moves) and any(
        not cal.is_known(date(year, 1, 1)) for year in years
    )
    out.due_date = date(due_day.year, due_day.month, due_day.day)
    out.due_at = _end_of(out.due_date, tz)
    return out


def _compute(
    run: _Run,
    rule: ClockRule,
    cal: WorkCalendar,
    as_of: datetime,
    total: int,
    tz: ZoneInfo,
    detail: bool,
) -> _Due:
    origin = run.restarts[-1].at if run.restarts else run.start.at
    if rule.unit is Unit.HOUR:
        return _hours(run, origin, total, as_of, tz)
    local, today = origin.astimezone(tz).date(), as_of.astimezone(tz).date()
    return _days(run, local, total, today, rule, cal, tz, detail)


def _fmt(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def due(
    events: Sequence[Event],
    rule: ClockRule,
    calendar: WorkCalendar,
    now: datetime,
    *,
    tz: ZoneInfo = SHANGHAI,
    explain: bool = True,
) -> ClockStatus:
    """Derive the clock's state at ``now`` from its events (rules in the module doc).

    ``explain=False`` skips the explanation lines, for lists that show many clocks.
    """
    if now.utcoffset() is None:
        raise ClockError("now must be timezone-aware")
    run = _replay(events, rule, now, calendar, tz)
    as_of = run.stop.at if run.stop is not None else now
    unit, day_unit = _UNIT_LABELS[rule.unit], rule.unit is not Unit.HOUR

    def when(at: datetime) -> str:
        return at.astimezone(tz).date().isoformat() if day_unit else _fmt(at, tz)

    note = "（当日不计入，民法典第二百零一条）" if day_unit else ""
    timeline = [
        (e.at, f"重新起算：{when(e.at)} {rule.label(e.kind)}{note}")
        for e in run.restarts
    ]
    total = rule.length
    for event, value in run.extensions:
        late = _compute(run, rule, calendar, as_of, total, tz, False).due_at <= event.at
        flag = "（晚于当时的到期时间）" if late else ""
        timeline.append((event.at, f"延长 {value}{unit}：{when(event.at)}{flag}"))
        total += value
    result = _compute(run, rule, calendar, as_of, total, tz, explain)
    # 条例 第三十五条: the notified date comes after the lines that explain the
    # date it replaces
    fixed = [_fix_deadline(run.deadline, result, rule, tz)] if run.deadline else []
    timeline = sorted(timeline + result.events, key=lambda item: item[0])
    due_text = result.due_date.isoformat() if day_unit else _fmt(result.due_at, tz)
    basis = f"共计 {total}{unit}{'，暂定' * result.provisional}"
    if run.deadline is not None:
        basis = "告知申请人的延期答复日期，条例第三十五条"
    lines = [
        f"{rule.title}：{rule.length}{unit}（{rule.basis}）",
        f"起算：{when(run.start.at)} {rule.label(run.start.kind)}{note}",
        *(text for _, text in timeline),
        *result.lines,
        *fixed,
        f"到期：{due_text}（{basis}）",
    ]
    remaining: timedelta | None = result.due_at - now
    stop = run.stop
    late_stop = stop is not None and stop.at >= result.due_at
    if stop is not None:
        state, remaining = State.STOPPED, None
        verdict = "逾期" if late_stop else "按期"
        lines.append(f"已结束：{when(stop.at)} {rule.label(stop.kind)}（{verdict}）")
    elif now >= result.due_at:
        state = State.OVERDUE
    elif run.depth > 0 and run.deadline is None:
        state, remaining = State.PAUSED, None
    elif _is_due_soon(result, rule, calendar, now, tz):
        state = State.DUE_SOON
    else:
        state = State.RUNNING
    return ClockStatus(
        state=state,
        due_at=result.due_at,
        due_date=result.due_date,
        remaining=remaining,
        provisional=result.provisional,
        stopped_by=stop.kind if stop is not None else None,
        extended_by=total - rule.length,
        paused_days=result.paused_units,
        explanation=lines if explain else [],
        stopped_late=late_stop,
        stopped_at=stop.at if stop is not None else None,
        paused=result.paused,
        resumes_at=run.resumes_at() if state is State.PAUSED else None,
    )


def _fix_deadline(event: Event, result: _Due, rule: ClockRule, tz: ZoneInfo) -> str:
    """条例 第三十五条: the notified date replaces the computed one (``result``)."""
    told = event.at.astimezone(tz).date()
    fixed = told + timedelta(days=event.value or 0)
    if fixed <= result.due_date:
        raise ClockError(
            f"延期答复的期限 {fixed.isoformat()} 必须晚于原答复期限 "
            f"{result.due_date.isoformat()}"
        )
    line = (
        f"{rule.label(event.kind)}：{told.isoformat()} 告知申请人于 {fixed.isoformat()} 前答复"
        f"（原期限 {result.due_date.isoformat()}）"
    )
    result.due_date, result.due_at = fixed, _end_of(fixed, tz)
    result.provisional = False  # a date the applicant was told, whatever the calendar
    return line


def _is_due_soon(
    result: _Due, rule: ClockRule, cal: WorkCalendar, now: datetime, tz: ZoneInfo
) -> bool:
    """True when no more than ``rule.due_soon`` units are left."""
    today = now.astimezone(tz).date()
    if rule.unit is Unit.WORKING_DAY:
        return cal.working_days_between(today, result.due_date) <= rule.due_soon
    if rule.unit in (Unit.CALENDAR_DAY, Unit.MONTH):
        # MONTH: ``due_soon`` counts calendar days
        return (result.due_date - today).days <= rule.due_soon
    return result.due_at - now <= timedelta(hours=rule.due_soon)
