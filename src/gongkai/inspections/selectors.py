"""Reads of the inspections app: registries, tasks, draws, results, enterprise checks."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet

from gongkai.clocks.models import Clock
from gongkai.core.draw.bundle import merkle_path, ticket_for
from gongkai.core.draw.inputs import parse_input
from gongkai.core.draw.primitives import HashProfile
from gongkai.core.draw.snapshot import target_leaves
from gongkai.core.jcs import canonical_json

from . import rules
from .choices import DrawState
from .models import (
    Contribution,
    Draw,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Task,
)
from .protocol import draw_input, is_output_public, public_output

# The snapshot (up to millions of records) and the output are read only where needed.
HEAVY = ("snapshot",)
LIGHT = ("draw__snapshot", "draw__output", "draw__params", "draw__commit")
COMMITTED = (
    DrawState.COMMITTED,
    DrawState.BEACON,
    DrawState.DRAWN,
    DrawState.PUBLISHED,
    DrawState.ABANDONED,
)


def team_members(i: Inspection) -> tuple[str, ...]:
    """Inspector codes of the inspection's team (from the draw that staffed it)."""
    source = i.staffing_draw or i.draw
    if i.team is None or source.output is None:
        return ()
    for t in source.output["result"]["teams"]:
        if t["team"] == i.team:
            return tuple(t["inspectors"])
    return ()


def item_list_public(*, now: dt.datetime) -> QuerySet[InspectionItem]:
    """Inspection items published and in their window at ``now``."""
    return (
        InspectionItem.objects.visible(now)
        .select_related("department")
        .order_by("code")
    )


def plan_list_public(*, now: dt.datetime) -> QuerySet[InspectionPlan]:
    """Annual plans published and in their window at ``now``, newest year first."""
    return InspectionPlan.objects.visible(now).order_by("-year", "-id")


def task_list_public() -> QuerySet[Task]:
    """Tasks announced: at least one draw committed (its commit record is public)."""
    return (
        Task.objects.filter(draws__state__in=COMMITTED)
        .exclude(draws__commit_hash="")
        .distinct()
        .select_related("department")
        .order_by("-created_at", "-id")
    )


def task_get_public(code: str) -> Task | None:
    """An announced task by its number, or None."""
    return task_list_public().filter(code=code).first()


def draws_of(task: Task) -> list[Draw]:
    """A task's draws in order, without their snapshots."""
    return list(
        task.draws.select_related("supersedes", "follows")
        .defer(*HEAVY, "supersedes__snapshot", "supersedes__output")
        .defer("follows__snapshot", "follows__output")
        .prefetch_related("contributions")
        .order_by("number")
    )


def results_public(*, task: Task | None = None) -> QuerySet[Inspection]:
    """Published results (of one task, or all), newest first."""
    qs = (
        Inspection.objects.filter(published_at__isnull=False)
        .defer(*LIGHT)
        .select_related("draw__task")
    )
    if task is not None:
        qs = qs.filter(draw__task=task)
    return qs.order_by("-published_at", "uscc")


def selected_public(draw: Draw) -> QuerySet[Inspection]:
    """The selected targets of a draw, once its output is public (§12.1)."""
    if not is_output_public(draw):
        return Inspection.objects.none()
    return draw.inspections.order_by("stratum", "rank", "id")


def staff_tasks() -> QuerySet[Task]:
    """Every task, newest first: all staff may read every task (only acting is limited)."""
    return (
        Task.objects.select_related("department")
        .annotate(n_draws=Count("draws"))
        .order_by("-created_at", "-id")
    )


def inspections_for_staff(task: Task) -> QuerySet[Inspection]:
    """Every inspection of a task's draws, for the workbench."""
    return (
        Inspection.objects.filter(draw__task=task)
        .select_related("replaces")
        .order_by("draw__number", "stratum", "rank", "id")
    )


def draws_holding(draw_ids: list[int], uscc: str) -> set[int]:
    """Which of the draws ``draw_ids`` had ``uscc`` in their frozen registry snapshot,
    asked of the database (a snapshot may hold a million records)."""
    if not draw_ids:
        return set()
    marks = ",".join(["%s"] * len(draw_ids))
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM inspections_draw WHERE id IN ({m}) "
            "AND snapshot->'targets' @> jsonb_build_array(jsonb_build_object('uscc', %s::text))"
        )
    else:
        sql = (
            "SELECT d.id FROM inspections_draw d WHERE d.id IN ({m}) AND EXISTS "
            "(SELECT 1 FROM json_each(d.snapshot, '$.targets') t "
            "WHERE json_extract(t.value, '$.uscc') = %s)"
        )
    with connection.cursor() as cur:
        cur.execute(sql.format(m=marks), [*draw_ids, uscc])
        return {row[0] for row in cur.fetchall()}


def enterprise_check(*, uscc: str) -> list[dict[str, Any]]:
    """For each public draw: whether the enterprise was among its targets at all, its
    ticket, whether it was selected, its row and inclusion proof under result_root
    (DRAW.md §11, "an enterprise")."""
    out = []
    published = (
        Draw.objects.filter(state=DrawState.PUBLISHED)
        .select_related("task")
        .defer("snapshot")
        .order_by("-drawn_at")
    )
    outputs = [(d, o) for d in published if (o := public_output(d)) is not None]
    holding = draws_holding([d.id for d, _ in outputs], uscc)
    for d, output in outputs:
        if d.id not in holding:
            out.append({"draw": d, "listed": False, "selected": False})
            continue
        result = output["result"]
        ticket = ticket_for(d.params["hash_alg"], output["seed"], uscc)
        rows = result["selected"]
        index = next((k for k, r in enumerate(rows) if r["uscc"] == uscc), None)
        entry: dict[str, Any] = {
            "draw": d,
            "listed": True,
            "ticket": ticket,
            "selected": index is not None,
        }
        if index is not None:
            profile = HashProfile.for_alg(d.params["hash_alg"])
            leaves = [canonical_json(r) for r in rows]
            row = rows[index]
            entry.update(
                row=row,
                threshold=next(
                    s["threshold_ticket"]
                    for s in result["strata"]
                    if s["stratum"] == row["stratum"]
                ),
                proof={
                    "hash_alg": d.params["hash_alg"],
                    "leaf_hex": leaves[index].hex(),
                    "index": index,
                    "size": len(leaves),
                    "path": [p.hex() for p in merkle_path(profile, leaves, index)],
                    "root": output["result_root"],
                },
            )
        reserve = next((r for r in result["reserves"] if r["uscc"] == uscc), None)
        entry["reserve"] = reserve
        out.append(entry)
    return out


def target_proof(draw: Draw, uscc: str) -> dict[str, Any] | None:
    """An enterprise's snapshot leaf and its proof under targets_root (staff hand it over)."""
    data = parse_input(
        draw_input(draw, with_beacon=False) | {"beacon_randomness_hex": "00" * 32}
    )
    usccs = data.targets.usccs  # sorted (§4): find the leaf by bisection
    index = bisect_left(usccs, uscc)
    if index >= len(usccs) or usccs[index] != uscc or draw.commit is None:
        return None
    leaves = list(target_leaves(data.targets))
    target = data.targets[index]
    return {
        "hash_alg": data.profile.name,
        "task_id": draw.params["task_id"],
        "commit_hash": draw.commit_hash,
        "record": {
            "uscc": target.uscc,
            "region": target.region,
            "industry": target.industry,
            "risk": target.risk,
            "last_inspected": target.last_inspected,
            "status": target.status,
        },
        "leaf_hex": leaves[index].hex(),
        "index": index,
        "size": len(leaves),
        "path": [p.hex() for p in merkle_path(data.profile, leaves, index)],
        "root": draw.commit["targets_root"],
    }


def result_clocks(inspections: list[Inspection]) -> dict[int, Any]:
    """The results-publication clock of each inspection (by inspection id), one query."""
    from django.contrib.contenttypes.models import ContentType

    ids = [str(i.pk) for i in inspections]
    clocks = Clock.objects.filter(
        subject_type=ContentType.objects.get_for_model(Inspection),
        subject_id__in=ids,
        rule_key="inspection.results_publish",
    )
    return {int(c.subject_id): c for c in clocks}


def contribution_for_link(token: str) -> Contribution | None:
    """The contribution a contributor's link token opens, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Contribution.objects.select_related("draw__task")
        .filter(token_hash=rules.token_digest(token))
        .first()
    )
