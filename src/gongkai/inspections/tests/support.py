"""Helpers shared by the inspections tests: a small registry and a task on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.inspections import services
from gongkai.inspections.models import Draw, Task
from gongkai.inspections.sample import REGIONS

from .factories import InspectorFactory, ItemFactory, TargetFactory

T0 = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 in Shanghai
CHAIN = "ab" * 32  # a chain the app does not know: the scheduled time is entered
SIGNATURE = "cd" * 48


def registry(*, targets: int = 30, inspectors: int = 6) -> None:
    """Targets spread over two districts and risks; inspectors from a third district."""
    for n in range(targets):
        TargetFactory(region=REGIONS[n % 2], risk="AB"[n % 3 == 0], industry="F52")
    for n in range(inspectors):
        InspectorFactory(home_region=REGIONS[2 + n % 2])


def make_task(*, by: Any, department: Any, **extra: Any) -> Task:
    item = ItemFactory(department=department, author=by)
    args: dict[str, Any] = {
        "code": "HZ-2026-001",
        "title": "2026年第一批食品经营者抽查",
        "department": department,
        "items": [item],
        "target_count": 6,
        "risk_weights": {"A": 1, "B": 2},
        "beacon_type": "drand",
        "drand_chain_hash": CHAIN,
        "drand_round": 1000,
        "beacon_time": T0 + dt.timedelta(days=1),
        "stratify_by": ["risk", "region"],
        "reserve_per_stratum": 2,
        "by": by,
        "now": T0,
    }
    args.update(extra)
    return services.task_create(**args)


def run_to_drawn(task: Task, *, office: Any, by: Any) -> Draw:
    """Freeze, commit, enter the beacon and draw, at fixed times."""
    d = services.draw_freeze(task=task, by=by, now=T0)
    d = services.draw_commit(draw=d, by=office, now=T0)
    after = d.beacon_time + dt.timedelta(minutes=1)
    d = services.draw_beacon_enter(
        draw=d, by=office, now=after, signature_hex=SIGNATURE
    )
    return services.draw_run(draw=d, by=office, now=after)
