"""The holiday table, and recomputing open clocks' caches when it or a rule changes:
one computation per (rule, start date, group key), written set-based."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.clocks.audit_actions import ClocksAudit
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError
from gongkai.core import clocks as core_clocks
from gongkai.core.workcal import WorkCalendar

from .models import CachedState, CalendarYear, Clock, DayKind, HolidayDay
from .rules import due_soon_from
from .selectors import SHANGHAI, clock_rule, work_calendar
from .services import group_status, refresh_caches

logger = logging.getLogger(__name__)

_CACHE_FIELDS = [
    "due_at",
    "state",
    "due_soon_at",
    "provisional",
    "rule_version",
    "stopped_late",
    "stopped_at",
    "start_date",
    "group_key",
]


def clocks_recompute_all(
    *,
    now: dt.datetime | None = None,
    years: Iterable[int] | None = None,
    since: dt.date | None = None,
) -> int:
    """Recompute the caches of open clocks (after a holiday-table or rule change).

    With ``years`` (a holiday-table change), only clocks the change can move are read:
    a due date before 1 January of the first changed year (or before ``since``, the
    first changed day) depends on no changed day, and a clock started after the last
    changed year cannot reach it. Returns the number of clocks whose caches changed.
    """
    now = now or timezone.now()
    calendar = work_calendar()
    rules: dict[tuple[str, dt.date], core_clocks.ClockRule] = {}

    def rule_of(key: str, start: dt.date) -> core_clocks.ClockRule:
        if (key, start) not in rules:
            rules[key, start] = clock_rule(key, start=start)
        return rules[key, start]

    open_clocks = Clock.objects.exclude(state=CachedState.STOPPED)
    if years:
        first, last = min(years), max(years)
        lowest = max(dt.date(first, 1, 1), since or dt.date.min)
        open_clocks = open_clocks.filter(
            started_at__lt=dt.datetime(last + 1, 1, 1, tzinfo=SHANGHAI)
        ).filter(
            Q(due_at__isnull=True)
            # due_at is 24:00 of the due date: a clock due on ``lowest`` is read
            | Q(due_at__gt=dt.datetime.combine(lowest, dt.time(), tzinfo=SHANGHAI))
        )
    total = _recompute_groups(open_clocks, now=now, calendar=calendar, rule_of=rule_of)
    # Alone: hour rules, very long histories, and clocks not keyed yet.
    changed: list[Clock] = []
    alone = open_clocks.filter(group_key="").prefetch_related("events")
    for clock in alone.iterator(chunk_size=2000):
        before = [getattr(clock, f) for f in _CACHE_FIELDS]
        try:
            refresh_caches(clock, now=now, calendar=calendar, rule_of=rule_of)
        except core_clocks.ClockError as exc:
            logger.warning("clock %s not recomputed: %s", clock.pk, exc)
            continue
        if before != [getattr(clock, f) for f in _CACHE_FIELDS]:
            changed.append(clock)
        if len(changed) >= 1000:
            Clock.objects.bulk_update(changed, _CACHE_FIELDS)
            total += len(changed)
            changed = []
    Clock.objects.bulk_update(changed, _CACHE_FIELDS)
    return total + len(changed)


_GROUP_COLUMNS = (
    "rule_key",
    "start_date",
    "group_key",
    "rule_version",
    "due_at",
    "due_soon_at",
    "provisional",
    "state",
)
_TEMP = "clocks_recompute_tmp"


@transaction.atomic
def _recompute_groups(
    clocks: QuerySet[Clock],
    *,
    now: dt.datetime,
    calendar: WorkCalendar,
    rule_of: Callable[[str, dt.date], core_clocks.ClockRule],
) -> int:
    """Keyed open clocks: one computation per (rule, start date, group key), then
    one set-based UPDATE … FROM a temporary table of the groups whose caches differ
    (no model is loaded; nothing is written when nothing moved)."""
    # Each group with the distinct caches its clocks hold now (one row when fresh),
    # so only stale groups are written. On SQLite the three-column DISTINCT is read
    # from the index alone, while adding the caches would sort the whole table:
    # there every group is written and the UPDATE skips the rows that equal it.
    held_columns = _GROUP_COLUMNS[3:] if connection.vendor == "postgresql" else ()
    cached: dict[tuple[str, dt.date, str], set[tuple[Any, ...]]] = {}
    for row in (
        clocks.exclude(group_key="")
        .values_list("rule_key", "start_date", "group_key", *held_columns)
        .distinct()
        .order_by()
    ):
        cached.setdefault(row[:3], set()).add(row[3:])
    rows: list[tuple[Any, ...]] = []
    for (key, start, group), held in cached.items():
        rule = rule_of(key, start)
        try:
            status = group_status(
                rule=rule, start=start, key=group, calendar=calendar, now=now
            )
        except core_clocks.ClockError as exc:
            logger.warning("clocks %s %s %s not recomputed: %s", key, start, group, exc)
            continue
        if status.due_at is None or status.state == core_clocks.State.STOPPED:
            continue  # an open clock never has a stop event; leave it alone
        due_soon_at = due_soon_from(
            rule=rule,
            due_at=status.due_at,
            due_date=status.due_date,
            calendar=calendar,
            tz=SHANGHAI,
        )
        state = (
            CachedState.PAUSED
            if status.state == core_clocks.State.PAUSED
            else CachedState.RUNNING
        )
        fresh = (rule.version, status.due_at, due_soon_at, status.provisional, state)
        if held != {fresh}:
            rows.append((key, start, group, *fresh[:-1], str(state)))
    if not rows:
        return 0
    return _write_groups(rows)


def _insert_rows(cursor: Any, rows: list[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs into the temporary table, values adapted as the ORM does."""
    ops = connection.ops
    adapt = {1: ops.adapt_datefield_value, 4: ops.adapt_datetimefield_value}
    adapt[5] = ops.adapt_datetimefield_value
    row_marks = "(" + ", ".join(["%s"] * len(_GROUP_COLUMNS)) + ")"
    for first in range(0, len(rows), 500):
        chunk = rows[first : first + 500]
        params = [
            adapt[i](value) if i in adapt else value
            for row in chunk
            for i, value in enumerate(row)
        ]
        marks = ", ".join([row_marks] * len(chunk))
        cursor.execute(f"INSERT INTO {_TEMP} VALUES {marks}", params)  # noqa: S608


def _write_groups(rows: list[tuple[Any, ...]]) -> int:
    """UPDATE the clocks of every group from a temporary table (PostgreSQL and SQLite
    ≥ 3.33 both have UPDATE … FROM)."""
    fields = {f.name: f for f in Clock._meta.concrete_fields}
    types = ", ".join(
        f"{name} {fields[name].db_type(connection)}" for name in _GROUP_COLUMNS
    )
    table, quote = Clock._meta.db_table, connection.ops.quote_name
    compared = " OR ".join(
        f"c.{name} IS NULL OR c.{name} <> t.{name}"
        for name in ("due_at", "due_soon_at")
    )
    compared += " OR " + " OR ".join(
        f"c.{name} <> t.{name}" for name in ("provisional", "rule_version", "state")
    )
    assignments = ", ".join(f"{name} = t.{name}" for name in _GROUP_COLUMNS[3:])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_TEMP}")
        cursor.execute(f"CREATE TEMPORARY TABLE {_TEMP} ({types})")
        if connection.vendor == "postgresql":
            # COPY: no placeholders to parse for thousands of rows
            with cursor.cursor.copy(f"COPY {_TEMP} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"ANALYZE {_TEMP}")
        else:
            _insert_rows(cursor, rows)
        # Only identifiers built here go into the statement; values are parameters.
        cursor.execute(
            f"UPDATE {quote(table)} AS c SET {assignments} FROM {_TEMP} AS t "  # noqa: S608
            "WHERE c.rule_key = t.rule_key AND c.start_date = t.start_date "
            "AND c.group_key = t.group_key AND c.state <> %s "
            f"AND ({compared})",
            [CachedState.STOPPED.value],
        )
        changed = cursor.rowcount
        cursor.execute(f"DROP TABLE {_TEMP}")
    return int(changed)


@transaction.atomic
def calendar_year_set(
    *,
    year: int,
    days: Iterable[tuple[dt.date, str, str]],
    source: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> int:
    """Replace a year's arrangement (days off and make-up working days); recompute clocks."""
    rows = list(days)
    for day, kind, _name in rows:
        if day.year != year:
            raise InvalidInputError(
                _("%(day)s 不属于 %(year)s 年。") % {"day": day, "year": year},
                code="calendar.wrong_year",
            )
        if kind not in DayKind.values:
            raise InvalidInputError(
                _("类型必须是 off（放假）或 work（调休上班）：%(kind)s")
                % {"kind": kind},
                code="calendar.kind",
            )
        if kind == DayKind.WORK and day.weekday() < 5:
            raise InvalidInputError(
                _("%(day)s 是工作日，不能设为调休上班日。") % {"day": day},
                code="calendar.work_on_weekday",
            )
    if len({d for d, _k, _n in rows}) != len(rows):
        raise InvalidInputError(_("同一日期出现多次。"), code="calendar.duplicate")
    before = set(HolidayDay.objects.filter(day__year=year).values_list("day", "kind"))
    known = CalendarYear.objects.filter(year=year).exists()
    HolidayDay.objects.filter(day__year=year).delete()
    HolidayDay.objects.bulk_create(
        HolidayDay(day=d, kind=k, name=n[:40]) for d, k, n in rows
    )
    entry, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source[:200]}
    )
    audit_record(
        actor=by,
        action=ClocksAudit.CALENDAR_YEAR_SET,
        obj=entry,
        changes={
            "year": year,
            "source": source,
            "days_before": len(before),
            "days_after": len(rows),
        },
        now=now,
    )
    # Only clocks due on or after the first changed day can move; a year declared
    # for the first time changes the provisional flag of every clock reaching it.
    changed = sorted(d for d, _k in before ^ {(d, k) for d, k, _n in rows})
    since = changed[0] if known and changed else dt.date(year, 1, 1)
    if known and not changed:
        return len(rows)
    transaction.on_commit(lambda: clocks_recompute_all(years=[year], since=since))
    return len(rows)


def rule_value_changed_recompute(sender: Any, key: str, **kwargs: Any) -> None:
    """Due dates are derived from the ``clock.*`` rule values: recompute the open
    clocks after one changes (``common.signals.rule_value_changed``)."""
    if key.startswith("clock."):
        clocks_recompute_all()
