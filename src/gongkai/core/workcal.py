"""The working-day calendar: which days count, and the n-th working day after a date.

Rules encoded here (RULES.md §0 and §11):

* A working day (工作日) is Monday to Friday, minus the days off announced by the
  国务院办公厅 (放假), plus the announced make-up working days on a weekend (调休上班).
  Overrides (:class:`DayOverride`) carry those announcements; an override beats the
  Mon–Fri default, and overrides passed by the caller beat the packaged data.
* 民法典 第二百零一条: a period counted in days starts the day **after** the trigger
  day, so ``add_working_days(start, n)`` steps forward from ``start + 1`` and returns
  the n-th working day (inclusive). ``n == 0`` returns ``start``.
* 民法典 第二百零三条: a period whose last day is a rest day ends on the next working
  day. Counting in working days satisfies this by construction.
* The announcements for a year arrive each November, so the calendar knows which
  years it has data for. A result that counted or skipped a day in an unknown year is
  *provisional* (``WorkDate.provisional``); strict mode raises
  :class:`CalendarUnknownError` instead. A due date is never silently wrong.
* For an unknown year the official calendar still knows the days off that
  《全国年节及纪念日放假办法》 fixes (``core/festivals.py``: 元旦, 春节 除夕–初三, 清明,
  劳动节, 端午, 中秋, 国庆); only the 调休 days are guessed as plain Monday to Friday,
  so the result stays provisional.

Lookups use a sorted array of working-day ordinals and ``bisect``, so
``add_working_days`` and ``working_days_between`` cost O(log n) after a one-off build
per span of years.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .festivals import statutory_days_off

__all__ = [
    "CalendarUnknownError",
    "DayOverride",
    "Explanation",
    "WorkCalendar",
    "WorkDate",
]

_WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_ONE_DAY = timedelta(days=1)
_MAX_ORDINAL = date.max.toordinal()


@dataclass(frozen=True)
class DayOverride:
    """An announced day off ("off") or make-up working day ("work") on one date."""

    day: date
    kind: Literal["off", "work"]
    name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("off", "work"):
            raise ValueError(
                f"DayOverride.kind must be 'off' or 'work', not {self.kind!r}"
            )


class CalendarUnknownError(ValueError):
    """Strict counting passed through a year whose holiday arrangement is not known."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year} 年的节假日安排未知（未公布或未录入），无法确定工作日")


class WorkDate(date):
    """A due date; ``provisional`` is True when it depends on an unknown year."""

    __slots__ = ("provisional",)
    provisional: bool

    def __new__(
        cls, year: int, month: int, day: int, provisional: bool = False
    ) -> WorkDate:
        self = super().__new__(cls, year, month, day)
        self.provisional = provisional
        return self

    def __repr__(self) -> str:
        return (
            f"WorkDate({self.year}, {self.month}, {self.day}, "
            f"provisional={self.provisional})"
        )

    def __reduce__(self) -> tuple[type[WorkDate], tuple[int, int, int, bool]]:
        return (WorkDate, (self.year, self.month, self.day, self.provisional))


@dataclass(frozen=True)
class Explanation:
    """Why ``add_working_days(start, n)`` is ``due``: the days skipped and counted."""

    start: date
    n: int
    due: date
    provisional: bool
    skipped: list[tuple[date, str]] = field(default_factory=list)
    make_up: list[tuple[date, str]] = field(default_factory=list)
    unknown_years: list[int] = field(default_factory=list)
    start_reason: str = ""  # why the start day is a rest day, "" if it is a working day
    statutory_known: bool = False  # unknown years still skip the 办法's fixed days off

    def calendar_lines(self) -> list[str]:
        """Lines for the holiday blocks and make-up days met, in date order."""
        entries: list[tuple[date, str]] = []
        for day, name in self.make_up:
            weekday = _WEEKDAY_NAMES[day.weekday()]
            label = f"（{name}）" if name else ""
            entries.append((day, f"{day.isoformat()} {weekday} 调休上班{label}"))
        plain_weekend = 0
        for first, last, reasons in _runs(self.skipped):
            if all(reason in ("周六", "周日") for reason in reasons):
                plain_weekend += (last - first).days + 1
                continue
            names = "、".join(r for r in reasons if r not in ("周六", "周日", "放假"))
            span = first.isoformat()
            if last != first:
                span = f"{span} 至 {last.isoformat()}"
            entries.append((first, f"{span} {names}放假"))
        entries.sort(key=lambda entry: entry[0])
        lines = [text for _, text in entries]
        if plain_weekend:
            lines.append(f"其间周末 {plain_weekend} 天不计入")
        for year in self.unknown_years:
            if self.statutory_known:
                lines.append(
                    f"{year} 年放假安排未公布：已计入法定节假日，调休未知，日期为暂定"
                )
            else:
                lines.append(f"{year} 年节假日安排未知，按周一至周五推算，日期为暂定")
        return lines

    def lines(self) -> list[str]:
        """Short Chinese lines for a "why this date" view."""
        if self.n == 0:
            return [f"期限为 0 个工作日：{self.start.isoformat()}"]
        note = f"（{self.start_reason}）" if self.start_reason else " "
        lines = [
            # 民法典 第二百零一条: the trigger day itself is not counted
            f"起算日 {self.start.isoformat()}{note}不计入（民法典第二百零一条）"
        ]
        lines.extend(self.calendar_lines())
        suffix = "（暂定）" if self.provisional else ""
        lines.append(f"第{self.n}个工作日：{self.due.isoformat()}{suffix}")
        return lines


def _runs(days: list[tuple[date, str]]) -> list[tuple[date, date, list[str]]]:
    """Group consecutive dates into (first, last, distinct reasons in order)."""
    runs: list[tuple[date, date, list[str]]] = []
    for day, reason in days:
        if runs and runs[-1][1] + _ONE_DAY == day:
            first, _, reasons = runs[-1]
            if reason not in reasons:
                reasons.append(reason)
            runs[-1] = (first, day, reasons)
        else:
            runs.append((day, day, [reason]))
    return runs


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[tuple[DayOverride, ...], frozenset[int]]:
    """Overrides and known years from the ``chinese_calendar`` package (cached)."""
    from chinese_calendar import constants

    chinese = {h.value: h.chinese for h in constants.Holiday}
    out: list[DayOverride] = []
    years: set[int] = set()
    # Weekend dates inside a holiday block are listed too; as "off" on a weekend
    # they change nothing but carry the holiday name for display.
    for day, english in constants.holidays.items():
        out.append(DayOverride(day, "off", chinese.get(english, english)))
        years.add(day.year)
    for day, english in constants.workdays.items():
        if day.weekday() >= 5:  # a make-up working day differs only on a weekend
            out.append(DayOverride(day, "work", chinese.get(english, english)))
        years.add(day.year)
    return tuple(sorted(out, key=lambda o: o.day)), frozenset(years)


class WorkCalendar:
    """Mon–Fri working days adjusted by announced overrides (module docstring)."""

    def __init__(
        self,
        *,
        overrides: Iterable[DayOverride] = (),
        known_years: Iterable[int] = (),
        statutory: Callable[[int], Mapping[date, str]] | None = None,
    ) -> None:
        """``statutory(year)`` gives the days off fixed by law for a year that is not
        known (``festivals.statutory_days_off``); without it such a year is plain
        Monday to Friday."""
        kinds: dict[int, bool] = {}
        names: dict[int, str] = {}
        for override in overrides:  # later overrides win for the same day
            ordinal = override.day.toordinal()
            kinds[ordinal] = override.kind == "work"
            if override.name:
                names[ordinal] = override.name
            else:
                names.pop(ordinal, None)
        self._working: dict[int, bool] = kinds
        self._names: dict[int, str] = names
        self._known: frozenset[int] = frozenset(known_years)
        self._statutory = statutory
        self._filled: set[int] = set()  # unknown years whose fixed days are added
        # (first ordinal, last ordinal, sorted working-day ordinals in that span)
        self._span: tuple[int, int, list[int]] = (1, 0, [])

    @classmethod
    def official(
        cls,
        overrides: Iterable[DayOverride] = (),
        known_years: Iterable[int] = (),
        replace_years: Iterable[int] = (),
    ) -> WorkCalendar:
        """The calendar from the packaged 国务院办公厅 notices, plus local overrides.

        For a year in ``replace_years`` the packaged days are dropped and only the
        passed overrides count (the holiday table holds that year's whole notice).
        """
        extra = tuple(overrides)
        extra_years = frozenset(known_years)
        replaced = frozenset(replace_years)
        if not extra and not extra_years and not replaced:
            return _official_default()
        packaged, years = _packaged()
        if replaced:
            packaged = tuple(o for o in packaged if o.day.year not in replaced)
        return cls(
            overrides=packaged + extra,
            known_years=years | extra_years | {o.day.year for o in extra},
            statutory=statutory_days_off,
        )

    # -- single days ---------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True if ``d`` is a working day (工作日)."""
        self._fill(d.year)
        working = self._working.get(d.toordinal())
        if working is None:
            return d.weekday() < 5
        return working

    def is_known(self, d: date) -> bool:
        """True if the holiday arrangement of ``d``'s year is known."""
        return d.year in self._known

    def day_name(self, d: date) -> str:
        """The announced name attached to ``d`` (holiday or make-up day), or ""."""
        self._fill(d.year)
        return self._names.get(d.toordinal(), "")

    def rest_reason(self, d: date) -> str:
        """Why ``d`` is a rest day ("周六", "周日", "春节", ...); "" if it is not."""
        if self.is_working_day(d):
            return ""
        name = self.day_name(d)
        if name:
            return name
        if d.weekday() >= 5:
            return _WEEKDAY_NAMES[d.weekday()]
        return "放假"

    # -- counting ------------------------------------------------------------

    def add_working_days(
        self, start: date, n: int, *, strict: bool = False
    ) -> WorkDate:
        """The n-th working day after ``start``; ``start`` itself is not counted."""
        if n < 0:
            raise ValueError(f"n must be >= 0, not {n}")
        start_ord = start.toordinal()
        if n == 0:
            return WorkDate(start.year, start.month, start.day, False)
        self._ensure(start_ord, start_ord + 1)
        while True:
            lo, hi, days = self._span
            index = bisect_right(days, start_ord) + n - 1
            if index < len(days):
                break
            if hi >= _MAX_ORDINAL:
                raise OverflowError("working-day count runs past date.max")
            # Need more days ahead: 5 working days take at most 7 calendar days,
            # more when a holiday block lies in between.
            self._ensure(lo, min(hi + n * 7 // 5 + 31, _MAX_ORDINAL))
        due = date.fromordinal(days[index])
        provisional = False
        for year in range(date.fromordinal(start_ord + 1).year, due.year + 1):
            if year not in self._known:
                if strict:
                    raise CalendarUnknownError(year)
                provisional = True
        return WorkDate(due.year, due.month, due.day, provisional)

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days d with a < d <= b (0 if b <= a)."""
        a_ord, b_ord = a.toordinal(), b.toordinal()
        if b_ord <= a_ord:
            return 0
        self._ensure(a_ord, b_ord)
        days = self._span[2]
        return bisect_right(days, b_ord) - bisect_right(days, a_ord)

    def explain(self, start: date, n: int) -> Explanation:
        """The days skipped and the make-up days counted on the way to the due date."""
        due = self.add_working_days(start, n)
        skipped: list[tuple[date, str]] = []
        make_up: list[tuple[date, str]] = []
        day = start + _ONE_DAY
        while day <= due:
            if not self.is_working_day(day):
                skipped.append((day, self.rest_reason(day)))
            elif day.weekday() >= 5:
                make_up.append((day, self.day_name(day)))
            day += _ONE_DAY
        first_year = (start + _ONE_DAY).year if n else due.year + 1
        unknown = [y for y in range(first_year, due.year + 1) if y not in self._known]
        return Explanation(
            start=start,
            n=n,
            due=date(due.year, due.month, due.day),
            provisional=due.provisional,
            skipped=skipped,
            make_up=make_up,
            unknown_years=unknown,
            start_reason=self.rest_reason(start),
            statutory_known=self._statutory is not None,
        )

    # -- internals -----------------------------------------------------------

    def _fill(self, year: int) -> None:
        """Add the days off fixed by law to an unknown year, once.

        An override passed for the day wins. Concurrent fills write the same values;
        the year is marked only once all its days are in."""
        if self._statutory is None or year in self._known or year in self._filled:
            return
        for day, name in self._statutory(year).items():
            ordinal = day.toordinal()
            if ordinal not in self._working:
                self._working[ordinal] = False
                self._names[ordinal] = name
        self._filled.add(year)

    def _ensure(self, first: int, last: int) -> None:
        """Make the working-day array cover ordinals ``first`` to ``last`` inclusive."""
        lo, hi, _ = self._span
        if lo <= first and last <= hi:
            return
        if lo > hi:  # empty so far
            new_lo, new_hi = first, last
        else:
            new_lo, new_hi = min(lo, first), max(hi, last)
        # Whole years, plus one spare year ahead so a period running into the next
        # year does not trigger a rebuild.
        new_lo = date(date.fromordinal(new_lo).year, 1, 1).toordinal()
        end_year = min(date.fromordinal(new_hi).year + 1, date.max.year)
        new_hi = date(end_year, 12, 31).toordinal()
        for year in range(date.fromordinal(new_lo).year, end_year + 1):
            self._fill(year)
        working = self._working
        days = [
            ordinal
            for ordinal in range(new_lo, new_hi + 1)
            # ordinal 1 is Monday 0001-01-01, so (ordinal - 1) % 7 is the weekday
            if working.get(ordinal, (ordinal - 1) % 7 < 5)
        ]
        # Assigned as one tuple so a concurrent reader never sees a torn span.
        self._span = (new_lo, new_hi, days)


@functools.lru_cache(maxsize=1)
def _official_default() -> WorkCalendar:
    packaged, years = _packaged()
    return WorkCalendar(
        overrides=packaged, known_years=years, statutory=statutory_days_off
    )


def add_months(start: date, months: int) -> date:
    """The last day of a period of ``months`` months from ``start`` (day 0).

    民法典 第二百零二条: the corresponding day of the last month, or that month's last
    day when it has no such day (30 November + 3 months = 28 or 29 February).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(start.day, last))
