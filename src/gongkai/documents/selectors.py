"""Reads of the disclosure catalogue (public lists, document pages, staff lists)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear

from gongkai.accounts.choices import Role
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.prepared import Prepared, prefetched, run_together
from gongkai.core.doc_numbers import doc_number_key
from gongkai.core.workcal import WorkCalendar
from gongkai.publishing.choices import Status

from . import rules
from .choices import Category, Validity
from .models import (
    Attachment,
    Column,
    Document,
    DocumentIssuer,
    Interpretation,
    Relation,
)


@dataclass(frozen=True)
class CatalogueFilters:
    topic: str = ""  # Topic.code
    genre: str = ""  # Genre.code
    issuer: int | None = None
    year: int | None = None
    validity: str = ""
    column: str = ""  # Column.slug


def _today(now: dt.datetime) -> dt.date:
    return now.astimezone(SHANGHAI).date()


def _public(now: dt.datetime) -> QuerySet[Document]:
    return Document.objects.visible(now)


def with_list_data(qs: QuerySet[Document]) -> QuerySet[Document]:
    """Everything a list row shows, in a fixed number of queries."""
    return qs.select_related("topic", "genre").prefetch_related(
        Prefetch(
            "issuer_links", queryset=DocumentIssuer.objects.select_related("issuer")
        )
    )


def validity_q(validity: str, today: dt.date) -> Q:
    """The rows whose derived validity on ``today`` is ``validity`` (rules.derived_validity)."""
    live = Q(validity=Validity.EFFECTIVE)
    if validity == Validity.EXPIRED:
        return live & Q(valid_until__lt=today)
    if validity == Validity.EFFECTIVE:
        return live & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return Q(validity=validity)


def document_list_public(
    *, now: dt.datetime, filters: CatalogueFilters | None = None
) -> QuerySet[Document]:
    """Published, in-window documents, newest first, filtered."""
    f = filters or CatalogueFilters()
    qs = _public(now)
    if f.topic:
        qs = qs.filter(topic__code=f.topic)
    if f.genre:
        qs = qs.filter(genre__code=f.genre)
    if f.issuer:
        qs = qs.filter(issuer_links__issuer_id=f.issuer)
    if f.year:
        qs = qs.filter(written_on__year=f.year)
    if f.validity:
        qs = qs.filter(validity_q(f.validity, _today(now)))
    if f.column:
        qs = qs.filter(columns__slug=f.column)
    # Lists never show the body: leave the widest column on disk.
    return with_list_data(qs.order_by("-publish_at", "-id")).defer("body")


def catalogue_facets(*, now: dt.datetime) -> dict[str, list[tuple[Any, str, int]]]:
    """(value, label, count) per facet over every public document."""
    qs = _public(now)
    today = _today(now)
    out: dict[str, list[tuple[Any, str, int]]] = {}
    rows = qs.values("topic__code", "topic__name").annotate(n=Count("id"))
    out["topic"] = [
        (r["topic__code"], r["topic__name"], r["n"]) for r in rows if r["topic__code"]
    ]
    rows = qs.values("genre__code", "genre__name").annotate(n=Count("id"))
    out["genre"] = [
        (r["genre__code"], r["genre__name"], r["n"]) for r in rows if r["genre__code"]
    ]
    issuer_rows = (
        DocumentIssuer.objects.filter(document__in=qs)
        .values("issuer_id", "issuer__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    out["issuer"] = [(r["issuer_id"], r["issuer__name"], r["n"]) for r in issuer_rows]
    rows = (
        qs.annotate(y=ExtractYear("written_on"))
        .values("y")
        .annotate(n=Count("id"))
        .order_by("-y")
    )
    # An unknown 成文日期 (None) has no year to filter on.
    out["year"] = [(r["y"], str(r["y"]), r["n"]) for r in rows if r["y"] is not None]
    out["validity"] = [
        (v.value, str(v.label), qs.filter(validity_q(v.value, today)).count())
        for v in Validity
    ]
    return out


# The document page's reads, compiled once per process (common.prepared): a cache
# miss and each page of a static build run them with new values only. Each is
# the queryset it replaces, with the same rows, fields and related objects.
_BY_INDEX: Prepared[Document] = Prepared(
    lambda key, now: (
        _public(now).select_related("topic", "genre").filter(index_number=key)
    ),
    key=models.CharField(),
    now=models.DateTimeField(),
)
_BY_ID: Prepared[Document] = Prepared(
    lambda pk, now: _public(now).select_related("topic", "genre").filter(pk=pk),
    pk=models.BigIntegerField(),
    now=models.DateTimeField(),
)
_ISSUER_LINKS: Prepared[DocumentIssuer] = Prepared(
    lambda document: DocumentIssuer.objects.select_related("issuer").filter(
        document_id=document
    ),
    document=models.BigIntegerField(),
)
# What a relation's other side shows (title, 文号, link) and what its visibility
# needs: its body and the rest stay unloaded.
_SIDE = ("id", "index_number", "title", "doc_number", "status", "publish_at",
         "unpublish_at")  # fmt: skip
# An indexed lookup by the document's id (never a list of the catalogue); the
# other side's visibility is checked on the loaded row. Loading the hidden ones
# too records them for the page cache, so their publication renews the page.
_RELATIONS: Prepared[Relation] = Prepared(
    lambda document: Relation.objects.filter(
        Q(source_id=document) | Q(target_id=document)
    )
    .select_related("source", "target")
    .only("source_id", "target_id", "kind", "created_at",
          *(f"{side}__{name}" for side in ("source", "target") for name in _SIDE))
    .order_by("id"),
    document=models.BigIntegerField(),
)  # fmt: skip
_INTERPRETATIONS: Prepared[Interpretation] = Prepared(
    lambda document, now: Interpretation.objects.visible(now).filter(
        policy_id=document
    ),
    document=models.BigIntegerField(),
    now=models.DateTimeField(),
)
_ATTACHMENTS: Prepared[Attachment] = Prepared(
    lambda document: Attachment.objects.filter(document_id=document),
    document=models.BigIntegerField(),
)
# The largest id a key may name (a 64-bit integer column on both databases).
_MAX_ID = 2**63 - 1


def _find(key: str, now: dt.datetime) -> Document | None:
    found = _BY_INDEX(key=key, now=now)  # unique: no ordering needed
    if not found and key.isascii() and key.isdigit() and int(key) <= _MAX_ID:
        found = _BY_ID(pk=int(key), now=now)
    return found[0] if found else None


def document_get_public(*, key: str, now: dt.datetime) -> Document | None:
    """A public document by 索引号 or by id, with its issuers."""
    document = _find(key, now)
    if document is not None:
        prefetched(document, "issuer_links", _ISSUER_LINKS(document=document.pk))
    return document


@dataclass
class DocumentPage:
    document: Document
    # ``out``: this one amends X; ``in``: X repeals this (each public).
    relations: dict[str, list[Relation]]
    interpretations: list[Interpretation]  # published, newest first
    attachments: list[Attachment]


def document_page_public(*, key: str, now: dt.datetime) -> DocumentPage | None:
    """A public document by 索引号 or by id, with what its page shows: its issuers,
    relations both ways, interpretations and attachments, read together after the
    document (one round trip on PostgreSQL, ``run_together``)."""
    document = _find(key, now)
    if document is None:
        return None
    pk = document.pk
    issuer_links, relations, interpretations, attachments = run_together(
        (_ISSUER_LINKS, {"document": pk}),
        (_RELATIONS, {"document": pk}),
        (_INTERPRETATIONS, {"document": pk, "now": now}),
        (_ATTACHMENTS, {"document": pk}),
    )
    prefetched(document, "issuer_links", issuer_links)
    shown: dict[str, list[Relation]] = {"out": [], "in": []}
    for r in relations:
        if r.source_id == pk and r.target.is_visible(now):
            shown["out"].append(r)
        elif r.target_id == pk and r.source.is_visible(now):
            shown["in"].append(r)
    return DocumentPage(document, shown, interpretations, attachments)


def ending_relation(document: Document, *, incoming: list[Relation]) -> Relation | None:
    """The relation that repealed or amended ``document``, for its banner: the
    latest published of its public ``incoming`` relations (``DocumentPage``)."""
    kinds = ["repeals", "replaces"] if document.validity == "repealed" else ["amends"]
    found = [
        (r.source.publish_at, r)
        for r in incoming
        if r.kind in kinds and r.source.publish_at is not None
    ]
    return max(found, key=lambda pair: pair[0], default=(None, None))[1]


def interpretation_list_public(*, now: dt.datetime) -> QuerySet[Interpretation]:
    """The 政策解读 column: published interpretations of public documents, newest first."""
    return (
        Interpretation.objects.visible(now)
        .filter(policy__in=_public(now))
        .select_related("policy")
        .order_by("-publish_at", "-id")
    )


def interpretation_get_public(*, pk: int, now: dt.datetime) -> Interpretation | None:
    return (
        Interpretation.objects.visible(now)
        .select_related("policy")
        .filter(pk=pk)
        .first()
    )


def columns_public() -> QuerySet[Column]:
    return Column.objects.filter(is_active=True)


def document_visible_to_staff(user: Any) -> QuerySet[Document]:
    """Documents a staff user may open: their department's, or all for office roles."""
    qs = with_list_data(Document.objects.select_related("department"))
    if getattr(user, "role", None) in (Role.ADMIN, Role.REVIEWER, Role.AUDITOR):
        return qs
    return qs.filter(department_id=user.department_id)


def documents_to_complete(qs: QuerySet[Document]) -> QuerySet[Document]:
    """Of ``qs``, the documents whose 成文日期 or 发文机关 is unknown, or whose body is
    a scan that search cannot read (RULES.md §9: kept, listed for staff)."""
    has_issuer = Exists(DocumentIssuer.objects.filter(document=OuterRef("pk")))
    return qs.filter(Q(written_on__isnull=True) | ~has_issuer | Q(searchable=False))


@dataclass(frozen=True)
class LateInterpretation:
    document: Document
    due: dt.date
    published_on: dt.date | None


def late_interpretations(
    *, now: dt.datetime, calendar: WorkCalendar, user: Any = None
) -> list[LateInterpretation]:
    """Published policies needing interpretation whose 解读 came (or is) more than
    3 working days after them (RULES.md §12)."""
    today = _today(now)
    qs = Document.objects.filter(
        status=Status.PUBLISHED, needs_interpretation=True, interpretation_waiver=""
    ).prefetch_related("interpretations")
    if user is not None:
        qs = qs.filter(pk__in=document_visible_to_staff(user).values("pk"))
    out = []
    for doc in qs.order_by("publish_at"):
        assert doc.publish_at is not None
        published = doc.publish_at.astimezone(SHANGHAI).date()
        dates = [
            i.publish_at.astimezone(SHANGHAI).date()
            for i in doc.interpretations.all()
            if i.status == Status.PUBLISHED and i.publish_at is not None
        ]
        first = min(dates) if dates else None
        if rules.interpretation_is_late(
            policy_published_on=published,
            interpretation_published_on=first,
            today=today,
            calendar=calendar,
        ):
            due = rules.interpretation_due(
                policy_published_on=published, calendar=calendar
            )
            out.append(LateInterpretation(doc, due, first))
    return out


def document_by_key(key: str) -> Document | None:
    """The document with this 索引号 or 文号 (any written form of the number)."""
    key = key.strip()
    number = doc_number_key(key)
    return Document.objects.filter(
        Q(index_number=key) | Q(doc_number_key=number)
    ).first()


def interpretation_visible_to_staff(user: Any) -> QuerySet[Interpretation]:
    """The interpretations of the documents ``user`` may see in the workbench."""
    visible = document_visible_to_staff(user).values("pk")
    return Interpretation.objects.filter(policy__in=visible)


@dataclass(frozen=True)
class DueEvaluation:
    document: Document
    evaluate_from: dt.date
    valid_until: dt.date


def normative_evaluations(
    *, today: dt.date, months_before: int, user: Any = None
) -> list[DueEvaluation]:
    """Published 行政规范性文件 in the ``months_before`` months before they lapse, or
    lapsed in the same span since (RULES.md §9: evaluate before ``valid_until``,
    then renew, amend or let lapse), soonest first."""
    horizon = rules.add_months(today, months_before)
    qs = Document.objects.filter(
        status=Status.PUBLISHED,
        category=Category.NORMATIVE,
        valid_until__isnull=False,
        valid_until__lt=horizon,
        valid_until__gte=rules.add_months(today, -months_before),
    ).exclude(validity=Validity.REPEALED)
    if user is not None:
        qs = qs.filter(pk__in=document_visible_to_staff(user).values("pk"))
    out = []
    for doc in qs.order_by("valid_until", "id"):
        assert doc.valid_until is not None
        starts = rules.evaluation_from(
            valid_until=doc.valid_until, months_before=months_before
        )
        if starts <= today:
            out.append(DueEvaluation(doc, starts, doc.valid_until))
    return out
