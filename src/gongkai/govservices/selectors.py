"""Reads: the public catalogue with its filters, the power list on a date and its
diff, the licensing reform lists, and what staff see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from gongkai.accounts.choices import Role

from .models import Adjustment, ImportRun, IntermediaryService, PowerItem, ServiceItem
from .rules import AdjustmentFact, DiffRow, power_diff, power_list_on

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class CatalogueFilter:
    """The public catalogue's filters (each optional)."""

    q: str = ""
    department: int | None = None
    theme: str = ""
    audience: str = ""  # "person" or "organisation": items for both match too
    level: str = ""


def services_public(
    f: CatalogueFilter, *, now: dt.datetime | None = None
) -> QuerySet[ServiceItem]:
    """Published guides, filtered by the catalogue's choices."""
    qs = ServiceItem.objects.visible(now).select_related("department")
    if f.q:
        qs = qs.filter(
            Q(name__icontains=f.q)
            | Q(implementation_code__icontains=f.q)
            | Q(accept_conditions__icontains=f.q)
            | Q(theme__icontains=f.q)
        )
    if f.department:
        qs = qs.filter(department_id=f.department)
    if f.theme:
        qs = qs.filter(theme=f.theme)
    if f.audience in ("person", "organisation"):
        qs = qs.filter(audience__in=[f.audience, "both"])
    if f.level:
        qs = qs.filter(online_level=f.level)
    return qs.order_by("name", "id")


def catalogue_facets(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """The departments and themes that published guides have (for the filters)."""
    visible = ServiceItem.objects.visible(now)
    departments = (
        visible.values_list("department_id", "department__name")
        .distinct()
        .order_by("department__name")
    )
    themes = (
        visible.exclude(theme="")
        .values_list("theme", flat=True)
        .distinct()
        .order_by("theme")
    )
    return {"departments": list(departments), "themes": list(themes)}


def service_visible_to_staff(user: Any) -> QuerySet[ServiceItem]:
    """Staff see their department's guides; the office, admins and auditors all."""
    return _scoped(ServiceItem.objects.select_related("department", "author"), user)


def intermediary_visible_to_staff(user: Any) -> QuerySet[IntermediaryService]:
    return _scoped(IntermediaryService.objects.select_related("department"), user)


def power_visible_to_staff(user: Any) -> QuerySet[PowerItem]:
    """Every staff member reads the whole list; edits are checked per item."""
    return PowerItem.objects.select_related("department")


def import_runs_visible_to(user: Any) -> QuerySet[ImportRun]:
    return _scoped(ImportRun.objects.select_related("department", "created_by"), user)


def _scoped(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


# ---------------------------------------------------------------- power list


def adjustment_facts() -> list[AdjustmentFact]:
    """Every adjustment as the pure rules read it."""
    rows = Adjustment.objects.values_list(
        "pk",
        "item__code",
        "kind",
        "effective_on",
        "snapshot",
        "doc_number",
        "reason",
        "delegated_to",
    )
    return [
        AdjustmentFact(
            code=code,
            kind=kind,
            on=on,
            snapshot=snapshot,
            doc_number=doc_number,
            reason=reason,
            delegated_to=to,
            seq=pk,
        )
        for pk, code, kind, on, snapshot, doc_number, reason, to in rows
    ]


@dataclass(frozen=True)
class ListedPower:
    """One item of the list as it was on a date."""

    code: str
    snapshot: dict[str, Any]
    since: dt.date
    adjustment: AdjustmentFact


def power_list(on: dt.date, *, power_type: str = "") -> list[ListedPower]:
    """The power list as it was at the end of ``on``, by type then code."""
    listed = power_list_on(adjustment_facts(), on)
    rows = [
        ListedPower(code, adj.snapshot, adj.on, adj)
        for code, adj in listed.items()
        if not power_type or adj.snapshot.get("power_type") == power_type
    ]
    return sorted(rows, key=lambda r: (r.snapshot.get("power_type", ""), r.code))


def power_changes(start: dt.date, end: dt.date) -> list[DiffRow]:
    """The diff of the power list between the ends of two days."""
    return power_diff(adjustment_facts(), start, end)


def licensing_lists(on: dt.date) -> dict[str, list[AdjustmentFact]]:
    """Licensing reform lists (工作方案 第10项) derived from the power list: the
    行政许可 items cancelled, delegated, and retained (listed) at the end of ``on``."""
    last: dict[str, AdjustmentFact] = {}
    for adj in sorted(adjustment_facts(), key=lambda a: (a.on, a.seq)):
        if adj.on <= on and adj.snapshot.get("power_type") == "licensing":
            last[adj.code] = adj
    out: dict[str, list[AdjustmentFact]] = {
        "cancelled": [],
        "delegated": [],
        "retained": [],
    }
    for adj in sorted(last.values(), key=lambda a: a.code):
        if adj.kind == "cancel":
            out["cancelled"].append(adj)
        elif adj.kind == "delegate":
            out["delegated"].append(adj)
        else:
            out["retained"].append(adj)
    return out


def power_versions() -> list[tuple[dt.date, dt.date | None]]:
    """Each date the list changed, newest first, with the day before it (the diff
    of that version against the one before)."""
    days = sorted(set(Adjustment.objects.values_list("effective_on", flat=True)))
    return [
        (day, day - dt.timedelta(days=1) if i else None) for i, day in enumerate(days)
    ][::-1]
