"""Reads: the working calendar in force, clock rules as configured, statuses, the inbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, QuerySet

from gongkai.accounts.choices import Role
from gongkai.common.modules import modules
from gongkai.common.rulebook import RULES
from gongkai.common.selectors import rule_value
from gongkai.core import clocks as core_clocks
from gongkai.core.clock_rules import rule_for
from gongkai.core.workcal import DayOverride, WorkCalendar

from .models import CachedState, CalendarYear, Clock, HolidayDay

SHANGHAI = ZoneInfo("Asia/Shanghai")
_calendar_cache: dict[str, Any] = {"key": None, "calendar": None}


def work_calendar() -> WorkCalendar:
    """The official calendar: packaged data, with each year of the holiday table
    replacing that year's packaged days (the table holds the whole notice)."""
    # Every replacement re-creates a year's rows, so the highest id moves on.
    days = HolidayDay.objects.aggregate(
        n=Count("id"), last=Max("id"), t=Max("updated_at")
    )
    years = CalendarYear.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    key = (days["n"], days["last"], days["t"], years["n"], years["t"])
    if _calendar_cache["key"] != key:
        overrides = [
            DayOverride(
                day=row.day, kind="off" if row.kind == "off" else "work", name=row.name
            )
            for row in HolidayDay.objects.all()
        ]
        known = list(CalendarYear.objects.values_list("year", flat=True))
        _calendar_cache["calendar"] = WorkCalendar.official(
            overrides=overrides, known_years=known, replace_years=known
        )
        _calendar_cache["key"] = key
    calendar: WorkCalendar = _calendar_cache["calendar"]
    return calendar


def clock_rules() -> tuple[core_clocks.ClockRule, ...]:
    """Every rule version the modules declare (``Module.clock_rules``)."""
    return tuple(rule for module in modules() for rule in module.clock_rules)


def clock_rule(key: str, *, start: dt.date) -> core_clocks.ClockRule:
    """The rule version in force on ``start``, with the configured rule values applied."""
    rule = rule_for(key, start, clock_rules())
    length_key = f"clock.{key}.length"
    if length_key in RULES:
        rule = dataclasses.replace(rule, length=rule_value(length_key, on=start))
    if key == "foi.reply" and rule_value("clock.foi.reply.fee_pauses", on=start):
        rule = rule.with_pause("fee_notified", "fee_paid")
    if key == "foi.reply":
        # 条例 第三十二条: the third party's period (foi.third_party_reply, 15 working
        # days) ends by itself; the reply period runs again on the next day.
        third_party = clock_rule("foi.third_party_reply", start=start)
        rule = rule.with_pause_limit("consultation_sent", third_party.length)
    return rule


def clock_events(clock: Clock) -> list[core_clocks.Event]:
    return [
        core_clocks.Event(kind=e.kind, at=e.at, value=e.value)
        for e in clock.events.all()
    ]


def clock_status(
    clock: Clock, *, now: dt.datetime, calendar: WorkCalendar | None = None
) -> core_clocks.ClockStatus:
    """The live status of a clock, with its explanation ("why this date")."""
    rule = clock_rule(
        clock.rule_key, start=clock.started_at.astimezone(SHANGHAI).date()
    )
    return core_clocks.due(
        clock_events(clock), rule, calendar or work_calendar(), now, tz=SHANGHAI
    )


def clock_visible_to(user: Any) -> QuerySet[Clock]:
    """Clocks a user may see: their department's, or all for the office, admins, auditors."""
    qs = Clock.objects.select_related("department", "subject_type")
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        # Not "department IS NULL": that would show every unassigned clock.
        return qs.none()
    return qs.filter(department_id=department_id)


def clock_inbox(user: Any, *, now: dt.datetime) -> dict[str, list[Clock]]:
    """Running clocks that are overdue or due soon, and paused clocks, most urgent first."""
    qs = clock_visible_to(user)
    running = qs.filter(state=CachedState.RUNNING, due_soon_at__lte=now).order_by(
        "due_at", "id"
    )
    overdue = [c for c in running if c.due_at is not None and c.due_at <= now]
    due_soon = [c for c in running if c.due_at is None or c.due_at > now]
    paused = list(
        qs.filter(state=CachedState.PAUSED).order_by("started_at", "id")[:200]
    )
    return {"overdue": overdue, "due_soon": due_soon, "paused": paused}


def clocks_for(subject: Any) -> QuerySet[Clock]:
    from django.contrib.contenttypes.models import ContentType

    return Clock.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
    )
