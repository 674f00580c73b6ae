"""Reads: the public list (visible now, filtered), one public decision, the staff
list, import runs, and the site clock's timeliness figures for the oversight module."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.clocks.tallies import clock_tallies
from gongkai.common.figures import ClockTally

from ..choices import PartyCategory
from ..selectors import department_scoped, public_or_withdrawn
from . import rules
from .models import LicenceDecision, LicenceImportRun


@dataclass(frozen=True)
class LicenceQuery:
    """Public search and filters (all optional)."""

    q: str = ""
    category: str = ""
    authority: str = ""
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None


def licence_list_public(
    *, now: dt.datetime, query: LicenceQuery | None = None
) -> QuerySet[LicenceDecision]:
    """Decisions published and visible at ``now``, filtered, newest first. A text
    query finds the party's name (not a natural person's: it is published masked),
    the USCC, the 文书号 or the licence number."""
    qs = LicenceDecision.objects.visible(now)
    query = query or LicenceQuery()
    if query.category:
        qs = qs.filter(licence_category=query.category)
    if query.authority.strip():
        qs = qs.filter(authority__contains=query.authority.strip())
    if query.decided_from:
        qs = qs.filter(decided_on__gte=query.decided_from)
    if query.decided_to:
        qs = qs.filter(decided_on__lte=query.decided_to)
    q = query.q.strip()
    if q:
        by_name = Q(party_name__contains=q) & ~Q(
            party_category=PartyCategory.NATURAL_PERSON
        )
        qs = qs.filter(
            by_name
            | Q(uscc=q.upper())
            | Q(decision_number__icontains=q)
            | Q(certificate_number__icontains=q)
        )
    return qs.order_by("-decided_on", "-id")


def licence_get_public(*, pk: int, now: dt.datetime) -> LicenceDecision | None:
    """A decision the public may open: visible now, or withdrawn after publication
    (the page then shows only the withdrawal and its reason)."""
    return public_or_withdrawn(LicenceDecision.objects.filter(pk=pk).first(), now=now)


def licence_visible_to_staff(user: Any) -> QuerySet[LicenceDecision]:
    """Staff see their department's decisions; the office, admins and auditors all."""
    return department_scoped(
        LicenceDecision.objects.select_related("department", "author"), user
    )


def licence_import_runs_visible_to(user: Any) -> QuerySet[LicenceImportRun]:
    """The licence import runs a staff user sees (``department_scoped``)."""
    qs: QuerySet[LicenceImportRun] = LicenceImportRun._default_manager.select_related(
        "department", "created_by"
    )
    return department_scoped(qs, user)


def licence_timeliness(
    *, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> list[ClockTally]:
    """TIMELINESS of the licensing decisions' site clock (licence.publish)."""
    return clock_tallies(
        rule_keys=[rules.SITE_RULE_KEY],
        start=start,
        end=end,
        now=now or timezone.now(),
        subject_model=LicenceDecision,
    )
