"""The data of statutory clocks: units, states, rules, events and the derived status.

The rules that turn them into a due moment are in :mod:`gongkai.core.clocks`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

__all__ = [
    "ClockError",
    "ClockRule",
    "ClockStatus",
    "Event",
    "RuleNotFoundError",
    "State",
    "Unit",
]


class Unit(StrEnum):
    WORKING_DAY = "working_day"
    CALENDAR_DAY = "calendar_day"
    HOUR = "hour"
    # 民法典 第二百零二条: a period in months ends on the corresponding day of the
    # last month (its last day when it has none)
    MONTH = "month"


class State(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    STOPPED = "stopped"


class ClockError(ValueError):
    """An invalid rule or event sequence; the message is shown to staff."""


class RuleNotFoundError(ClockError, KeyError):
    """No version of the rule was in force on the start date."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class ClockRule:
    """One version of a statutory period, as data."""

    key: str
    version: str
    valid_from: date
    title: str
    basis: str
    unit: Unit
    length: int
    start_events: frozenset[str]
    restart_events: frozenset[str] = frozenset()
    pause_events: frozenset[str] = frozenset()
    resume_events: frozenset[str] = frozenset()
    extend_event: str | None = None
    extension_max: int = 0
    max_extensions: int = 0
    stop_events: frozenset[str] = frozenset()
    deadline_event: str | None = None  # sets a fixed due date (条例 第三十五条)
    due_soon: int = 3  # units before due; 3 suits day rules, set it for hour rules
    rest_day_moves: bool = True  # CALENDAR_DAY: a last day on a rest day moves on
    # Chinese names of the rule's event kinds, for explanations: ((kind, label), ...)
    labels: tuple[tuple[str, str], ...] = ()

    def label(self, kind: str) -> str:
        """The Chinese name of an event kind of this rule (the kind itself if none)."""
        return dict(self.labels).get(kind, kind)

    # (pause kind, working days): a pause of that kind ends by itself after that
    # many working days (条例 第三十二条: the third party's 15 working days)
    pause_limits: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        groups = [self.start_events, self.restart_events, self.pause_events]
        groups += [self.resume_events, self.stop_events]
        kinds = [kind for group in groups for kind in group]
        kinds += [self.extend_event] if self.extend_event else []
        kinds += [self.deadline_event] if self.deadline_event else []
        limits = (self.extension_max, self.max_extensions)
        problems = {
            "length must be > 0": self.length <= 0,
            "due_soon must be >= 0": self.due_soon < 0,
            "no start event": not self.start_events,
            "an event kind has two roles": len(kinds) != len(set(kinds)),
            "a month rule cannot pause": self.unit == Unit.MONTH
            and bool(self.pause_events),
            "extension limits do not match extend_event": limits != (0, 0)
            if self.extend_event is None
            else min(limits) <= 0,
        }
        problems["a pause limit names no pause event or is not > 0"] = any(
            kind not in self.pause_events or days <= 0
            for kind, days in self.pause_limits
        )
        for problem, found in problems.items():
            if found:
                raise ClockError(f"{self.key}@{self.version}: {problem}")

    def with_pause_limit(self, pause_event: str, working_days: int) -> ClockRule:
        """This rule with pauses of ``pause_event`` ending by themselves after
        ``working_days`` (e.g. 条例 第三十二条, the third party's 15 working days)."""
        limits = dict(self.pause_limits)
        limits[pause_event] = working_days
        return dataclasses.replace(self, pause_limits=tuple(sorted(limits.items())))

    def with_pause(self, pause_event: str, resume_event: str) -> ClockRule:
        """This rule with one more pause/resume pair (e.g. the fee notice, §13.2)."""
        return dataclasses.replace(
            self,
            pause_events=self.pause_events | {pause_event},
            resume_events=self.resume_events | {resume_event},
        )


@dataclass(frozen=True)
class Event:
    """Something that happened to a case; ``value`` is the length of an extension."""

    kind: str
    at: datetime
    value: int | None = None

    def __post_init__(self) -> None:
        if self.at.utcoffset() is None:
            raise ClockError(f"event {self.kind!r}: time must be timezone-aware")


@dataclass(frozen=True)
class ClockStatus:
    """The derived state of one clock at ``now``."""

    state: State
    due_at: datetime | None
    due_date: date | None
    remaining: timedelta | None
    provisional: bool
    stopped_by: str | None
    extended_by: int
    paused_days: int
    explanation: list[str]
    stopped_late: bool = False
    stopped_at: datetime | None = None
    paused: timedelta = timedelta(0)
    # While paused only by bounded pauses (ClockRule.pause_limits): the moment the
    # clock runs again by itself (the end of the pause's last day).
    resumes_at: datetime | None = None
