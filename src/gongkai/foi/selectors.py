"""Reads of the foi app: staff lists, the applicant's view, clocks, often-requested groups."""

from __future__ import annotations

import datetime as dt
import hmac
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.accounts.choices import Role
from gongkai.clocks.models import CachedState, Clock
from gongkai.clocks.selectors import (
    SHANGHAI,
    clock_rule,
    clock_status,
    clocks_for,
    work_calendar,
)
from gongkai.core.clocks import ClockStatus, Event, due

from .choices import Status
from .codes import REPLY_CLOCK, query_code_hash
from .models import FoiRequest, Letter


def requests_visible_to(user: Any) -> QuerySet[FoiRequest]:
    """Requests a user may handle: the office and admins all, staff their department's."""
    qs = FoiRequest.objects.select_related("department")
    role = getattr(user, "role", None)
    if role in (Role.REVIEWER, Role.ADMIN):
        return qs
    if role == Role.STAFF and user.department_id is not None:
        return qs.filter(department_id=user.department_id)
    return qs.none()


def request_for_applicant(tracking_number: str, query_code: str) -> FoiRequest | None:
    """The request matching a tracking number and query code (constant-time check)."""
    request = FoiRequest.objects.filter(
        tracking_number=tracking_number.strip().upper()
    ).first()
    expected = request.query_code_hash if request else query_code_hash("x" * 8)
    ok = hmac.compare_digest(expected, query_code_hash(query_code))
    return request if ok and request is not None else None


def letters_for_applicant(request: FoiRequest) -> QuerySet[Letter]:
    return request.letters.filter(visible_to_applicant=True)


def reply_clock(request: FoiRequest) -> Clock | None:
    return clocks_for(request).filter(rule_key=REPLY_CLOCK).order_by("-id").first()


def request_clocks(
    request: FoiRequest, *, now: dt.datetime
) -> list[tuple[Clock, ClockStatus]]:
    """Every clock of a request and its consultations, with the live status."""
    calendar = work_calendar()
    clocks = list(clocks_for(request).prefetch_related("events"))
    for consultation in request.consultations.all():
        clocks += list(clocks_for(consultation).prefetch_related("events"))
    return [(c, clock_status(c, now=now, calendar=calendar)) for c in clocks]


def correction_notice_due(request: FoiRequest, *, now: dt.datetime) -> dt.date:
    """条例 第三十条: the last day to send the correction notice (7 working days)."""
    start = request.received_at or now
    rule = clock_rule("foi.correction_notice", start=start.astimezone(SHANGHAI).date())
    status = due(
        [Event("received", start)],
        rule,
        work_calendar(),
        max(now, start),
        explain=False,
    )
    assert status.due_date is not None
    return status.due_date


def expected_reply(request: FoiRequest, *, now: dt.datetime) -> ClockStatus:
    """The reply period as the applicant can expect it before the office confirms
    receipt: counted as if received at submission (条例 第三十一条: an online
    application is received when both sides confirm it; usually that day). It is
    provisional where the holiday table of a year is not announced yet."""
    start = request.received_at or request.submitted_at
    rule = clock_rule(REPLY_CLOCK, start=start.astimezone(SHANGHAI).date())
    return due([Event("received", start)], rule, work_calendar(), max(now, start))


def reply_due(
    request: FoiRequest, *, now: dt.datetime | None = None
) -> ClockStatus | None:
    clock = reply_clock(request)
    return clock_status(clock, now=now or timezone.now()) if clock else None


@dataclass(frozen=True)
class Group:
    """Requests sharing keywords: a candidate for proactive disclosure (条例 第四十四条)."""

    keywords: tuple[str, ...]
    requests: tuple[FoiRequest, ...]


def often_requested(
    user: Any, *, since: dt.datetime, min_requests: int = 3, limit: int = 20
) -> list[Group]:
    """Groups of similar requests (shared segmented keywords) since ``since``."""
    rows = list(
        requests_visible_to(user)
        .filter(submitted_at__gte=since)
        .exclude(status=Status.SUBMITTED)
        .select_related(None)
        .only("id", "tracking_number", "keywords", "description", "proposed_proactive")[
            :5000
        ]
    )
    counts: Counter[str] = Counter(
        k for r in rows for k in set(r.keywords) if len(k) > 1
    )
    groups: list[Group] = []
    seen: set[frozenset[int]] = set()
    for word, n in counts.most_common():
        if n < min_requests or len(groups) >= limit:
            break
        members = tuple(r for r in rows if word in r.keywords)
        key = frozenset(r.id for r in members)
        if key in seen:
            continue
        seen.add(key)
        shared = set.intersection(*(set(r.keywords) for r in members))
        top = tuple(sorted(shared, key=lambda k: (-counts[k], k))[:5])
        groups.append(Group(keywords=top, requests=members))
    return groups


def lapsed_requests(*, now: dt.datetime) -> list[tuple[FoiRequest, str]]:
    """Cases whose correction or payment period ran out: (request, "correction"|"fee")."""
    keys = {"foi.correction_period": "correction", "foi.fee_payment": "fee"}
    waiting = {
        Status.AWAITING_CORRECTION: "foi.correction_period",
        Status.AWAITING_FEE: "foi.fee_payment",
    }
    out = []
    candidates = Clock.objects.filter(
        rule_key__in=list(keys),
        state=CachedState.RUNNING,
        due_at__lte=now,
        subject_type__model="foirequest",
    ).values_list("subject_id", "rule_key")
    pairs = {(int(subject), key) for subject, key in candidates}
    ids = [pk for pk, _key in pairs]
    for request in FoiRequest.objects.filter(pk__in=ids, status__in=list(waiting)):
        key = waiting[Status(request.status)]
        if (request.pk, key) in pairs:
            out.append((request, keys[key]))
    return out


@dataclass(frozen=True)
class MonthFigures:
    month: int
    received: int  # requests received that month
    answered: int  # requests replied to or closed that month
    median_days: float | None  # calendar days from receipt to reply, of those


@dataclass(frozen=True)
class YearFigures:
    year: int
    months: list[MonthFigures]
    outcomes: list[tuple[str, int]]  # (label, requests), most frequent first
    received: int
    answered: int
    median_days: float | None


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def foi_year_figures(year: int) -> YearFigures:
    """The public statistics of a year (Shanghai time): requests received by month,
    the outcomes of those answered, and the median calendar days from receipt to
    reply. No applicant data leaves this function."""
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    received = Counter(
        at.astimezone(SHANGHAI).month
        for at in FoiRequest.objects.filter(
            received_at__gte=start, received_at__lt=end
        ).values_list("received_at", flat=True)
        if at is not None
    )
    answered_rows = FoiRequest.objects.filter(
        closed_at__gte=start, closed_at__lt=end, received_at__isnull=False
    ).values_list("received_at", "closed_at", "outcome")
    days: dict[int, list[int]] = {m: [] for m in range(1, 13)}
    outcomes: Counter[str] = Counter()
    labels = dict(FoiRequest._meta.get_field("outcome").choices or [])
    for received_at, closed_at, outcome in answered_rows:
        if received_at is None or closed_at is None:
            continue
        local = closed_at.astimezone(SHANGHAI)
        days[local.month].append(
            (local.date() - received_at.astimezone(SHANGHAI).date()).days
        )
        outcomes[str(labels.get(outcome, outcome) or "—")] += 1
    months = [
        MonthFigures(m, received[m], len(days[m]), _median(days[m]))
        for m in range(1, 13)
    ]
    every = [d for m in range(1, 13) for d in days[m]]
    return YearFigures(
        year=year,
        months=months,
        outcomes=outcomes.most_common(),
        received=sum(received.values()),
        answered=len(every),
        median_days=_median(every),
    )


def requests_with_reply_due(qs: QuerySet[FoiRequest]) -> QuerySet[FoiRequest]:
    """``qs`` annotated with its answer clock (条例 第三十三条): ``reply_due`` (the
    end of the last day) and ``reply_state`` of the newest ``foi.reply`` clock."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast

    clocks = Clock.objects.filter(
        rule_key=REPLY_CLOCK,
        subject_type=ContentType.objects.get_for_model(FoiRequest),
        subject_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-started_at")
    return qs.annotate(
        reply_due=Subquery(clocks.values("due_at")[:1]),
        reply_state=Subquery(clocks.values("state")[:1]),
    )


def online_awaiting_confirmation(user: Any) -> QuerySet[FoiRequest]:
    """Online requests ``user`` may handle that wait for the office to confirm
    receipt (条例 第三十一条: the receipt day of an online request is its
    confirmation), oldest first."""
    from .choices import Channel

    return (
        requests_visible_to(user)
        .filter(channel=Channel.ONLINE, status=Status.SUBMITTED)
        .order_by("submitted_at", "id")
    )
