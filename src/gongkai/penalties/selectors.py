"""Reads: the public register (visible at request time, filtered), one public record,
the staff list, and import runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model, Q, QuerySet

from gongkai.accounts.choices import Role
from gongkai.core.ids import IdentifierError, canonical_uscc, parse_doc_number
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Publishable

from .choices import PartyCategory
from .models import ImportRun, Penalty

M = TypeVar("M", bound=Model)
P = TypeVar("P", bound=Publishable)

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


# A text query first asks the name index for at most NAME_PROBE + 1 visible matches
# (the FTS5 trigram index streams them on SQLite, pg_trgm on PostgreSQL). Up to
# NAME_PROBE, the page lists exactly those, counted exactly. Beyond, the query is
# broad: the newest matches are found by walking the decision dates (a match is
# then never far), and the total is shown as "more than NAME_PROBE" — it is not
# counted, since counting a broad match costs what the index saves. The probe's
# cost grows with NAME_PROBE, hence a smaller bound than the list's COUNT_CEILING.
NAME_PROBE = 100


def _exact_filter(q: str) -> Q | None:
    """An indexed equality for a whole USCC or 文号, else None."""
    try:
        return Q(uscc=canonical_uscc(q))
    except IdentifierError:
        pass
    try:
        return Q(decision_number=str(parse_doc_number(q)))
    except IdentifierError:
        return None


def _substring(q: str) -> Q:
    # PostgreSQL: pg_trgm indexes party_name and UPPER(decision_number) (0004).
    return Q(party_name__contains=q) | Q(decision_number__icontains=q)


def _not_by_person_name(q: str) -> Q:
    # A natural person's name is published masked (presenters.public_name): a
    # search by the full name must not confirm it; their 文号 still finds them.
    return ~Q(party_category=PartyCategory.NATURAL_PERSON) | Q(
        decision_number__icontains=q
    )


def _probe(qs: QuerySet[Penalty], q: str) -> list[int] | None:
    """The ids of the rows of ``qs`` matching ``q`` by name or 文号 — None when
    there are more than NAME_PROBE."""
    if connection.vendor == "sqlite" and len(q) >= 3:
        # Joined, not "id IN (…)": the FTS cursor drives and stops at the limit.
        phrase = '"' + q.replace('"', '""') + '"'
        matched = qs.extra(
            tables=["penalties_name_fts"],
            where=[
                "penalties_name_fts.rowid = penalties_penalty.id",
                "penalties_name_fts MATCH %s",
            ],
            params=[phrase],
        )
        matched = matched.order_by()
    else:
        # In the list's own order: PostgreSQL then plans it as the page (pg_trgm
        # for a rare text, the date index for a common one) instead of building a
        # bitmap of every row that shares a common trigram such as "有限公".
        matched = qs.filter(_substring(q)).order_by("-decided_on", "-id")
    ids = list(matched.values_list("id", flat=True)[: NAME_PROBE + 1])
    return None if len(ids) > NAME_PROBE else ids


def penalty_list_public(
    *, now: dt.datetime, query: PenaltyQuery | None = None
) -> QuerySet[Penalty]:
    """Penalties inside their publication window at ``now``, filtered, newest first.

    A broad text query (more than NAME_PROBE matches) carries ``count_bound``: the
    paginator then reports "more than NAME_PROBE" instead of counting.
    """
    qs = Penalty.objects.visible(now)
    query = query or PenaltyQuery()
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
    q = query.q.strip()
    bound = None
    if q:
        exact = _exact_filter(q)
        if exact is not None:
            qs = qs.filter(exact)
        elif (ids := _probe(qs, q)) is not None:
            qs = qs.filter(id__in=ids).filter(_not_by_person_name(q))
        else:
            qs = qs.filter(_substring(q)).filter(_not_by_person_name(q))
            bound = NAME_PROBE
    result = qs.only(*PUBLIC_LIST_FIELDS).order_by("-decided_on", "-id")
    if bound is not None:
        result.count_bound = bound  # type: ignore[attr-defined]
    return result


def public_or_withdrawn(obj: P | None, *, now: dt.datetime) -> P | None:
    """``obj`` if the public may open it (penalties and licensing decisions):
    visible now, or withdrawn after publication (the page then shows only the
    withdrawal and its reason)."""
    if obj is None:
        return None
    if obj.is_visible(now):
        return obj
    if obj.status == Status.WITHDRAWN and obj.publish_at is not None:
        return obj
    return None


def department_scoped(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    """Staff see their department's rows; the office, admins and auditors all
    (penalties, licensing decisions and the import runs of each)."""
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    return qs.filter(department_id=department_id) if department_id else qs.none()


def penalty_get_public(*, pk: int, now: dt.datetime) -> Penalty | None:
    """A penalty the public may open: visible now, or withdrawn after publication (the
    page then shows only the withdrawal and its reason, 行政处罚法 第四十八条)."""
    return public_or_withdrawn(Penalty.objects.filter(pk=pk).first(), now=now)


def penalty_visible_to_staff(user: Any) -> QuerySet[Penalty]:
    """Staff see their department's penalties; the office, admins and auditors all."""
    return department_scoped(
        Penalty.objects.select_related("department", "author"), user
    )


def import_runs_visible_to(user: Any) -> QuerySet[ImportRun]:
    """The penalty import runs a staff user sees (``department_scoped``)."""
    return department_scoped(
        ImportRun.objects.select_related("department", "created_by"), user
    )
