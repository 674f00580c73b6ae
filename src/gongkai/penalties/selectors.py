"""Reads: the public register (visible at request time, filtered), one public record,
the staff list, and import runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from gongkai.accounts.choices import Role
from gongkai.core.ids import IdentifierError, canonical_uscc, parse_doc_number
from gongkai.publishing.choices import Status

from .models import ImportRun, Penalty

# The columns the public list and its downloads read (never the full ID fields).
PUBLIC_LIST_FIELDS = (
    "id",
    "party_name",
    "party_category",
    "uscc",
    "legal_rep",
    "decision_number",
    "violation_type",
    "penalty_types",
    "content",
    "fine_amount",
    "confiscated_amount",
    "decided_on",
    "publicity_until",
    "authority",
    "publish_at",
)


@dataclass(frozen=True)
class PenaltyQuery:
    """Public search and filters (all optional)."""

    q: str = ""
    penalty_type: str = ""
    category: str = ""
    authority: str = ""
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None


def _text_filter(q: str) -> Q:
    """Exact (indexed) for a USCC or a whole 文号; substring otherwise, through the
    trigram index (migration 0002) when the text has three characters or more."""
    q = q.strip()
    try:
        return Q(uscc=canonical_uscc(q))
    except IdentifierError:
        pass
    try:
        number = str(parse_doc_number(q))
    except IdentifierError:
        pass
    else:
        return Q(decision_number=number)
    if connection.vendor == "sqlite" and len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        return Q(
            id__in=RawSQL(
                "SELECT rowid FROM penalties_name_fts WHERE penalties_name_fts MATCH %s",
                [phrase],
            )
        )
    # PostgreSQL: pg_trgm indexes party_name and UPPER(decision_number) (0004).
    return Q(party_name__contains=q) | Q(decision_number__icontains=q)


def penalty_list_public(
    *, now: dt.datetime, query: PenaltyQuery | None = None
) -> QuerySet[Penalty]:
    """Penalties inside their publication window at ``now``, filtered, newest first."""
    qs = Penalty.objects.visible(now)  # type: ignore[attr-defined]
    query = query or PenaltyQuery()
    if query.q.strip():
        qs = qs.filter(_text_filter(query.q))
    if query.penalty_type:
        qs = qs.filter(penalty_types__contains=f",{query.penalty_type},")
    if query.category:
        qs = qs.filter(party_category=query.category)
    if query.authority.strip():
        qs = qs.filter(authority__contains=query.authority.strip())
    if query.decided_from:
        qs = qs.filter(decided_on__gte=query.decided_from)
    if query.decided_to:
        qs = qs.filter(decided_on__lte=query.decided_to)
    return qs.only(*PUBLIC_LIST_FIELDS).order_by("-decided_on", "-id")


def penalty_get_public(*, pk: int, now: dt.datetime) -> Penalty | None:
    """A penalty the public may open: visible now, or withdrawn after publication (the
    page then shows only the withdrawal and its reason, 行政处罚法 第四十八条)."""
    penalty = Penalty.objects.filter(pk=pk).first()
    if penalty is None:
        return None
    if penalty.is_visible(now):
        return penalty
    if penalty.status == Status.WITHDRAWN and penalty.publish_at is not None:
        return penalty
    return None


def penalty_visible_to_staff(user: Any) -> QuerySet[Penalty]:
    """Staff see their department's penalties; the office, admins and auditors all."""
    qs = Penalty.objects.select_related("department", "author")
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def import_runs_visible_to(user: Any) -> QuerySet[ImportRun]:
    qs = ImportRun.objects.select_related("department", "created_by")
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    return qs.filter(department_id=getattr(user, "department_id", None))
