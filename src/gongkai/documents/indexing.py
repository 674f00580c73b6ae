"""How documents and interpretations appear in the site search."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from gongkai.core.doc_numbers import doc_number_key
from gongkai.publishing.choices import Status
from gongkai.search.builtin import html_text
from gongkai.search.registry import Entry

from .choices import Disclosure, Validity
from .models import Document, DocumentIssuer, Interpretation


def document_queryset() -> QuerySet[Document]:
    return (
        Document.objects.filter(
            status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE
        )
        .select_related("topic", "genre")
        .prefetch_related(
            Prefetch(
                "issuer_links", queryset=DocumentIssuer.objects.select_related("issuer")
            )
        )
    )


def document_entry(doc: Any) -> Entry | None:
    if doc.status != Status.PUBLISHED or doc.disclosure != Disclosure.PROACTIVE:
        return None
    issuers = doc.issuer_names()
    lapses = doc.validity == Validity.EFFECTIVE and doc.valid_until is not None
    return Entry(
        title=doc.title,
        body=html_text(doc.body),
        url=doc.get_absolute_url(),
        date=doc.written_on,
        visible_from=doc.publish_at,
        visible_until=doc.unpublish_at,
        issuer=issuers[0] if issuers else "",
        validity=str(Validity(doc.validity).label),
        expires_on=doc.valid_until if lapses else None,
        # The 文号 as written and its match key (a query is looked up by both).
        codes=[
            c
            for c in (doc.doc_number, doc_number_key(doc.doc_number), doc.index_number)
            if c
        ],
        extra=" ".join(
            [doc.keywords, doc.summary, " ".join(issuers)]
            + [str(x) for x in (doc.topic, doc.genre) if x is not None]
        ),
    )


def interpretation_queryset() -> QuerySet[Interpretation]:
    return Interpretation.objects.filter(status=Status.PUBLISHED).select_related(
        "policy"
    )


def interpretation_entry(item: Any) -> Entry | None:
    if item.status != Status.PUBLISHED:
        return None
    return Entry(
        title=item.title,
        body=html_text(item.body),
        url=item.get_absolute_url(),
        date=item.publish_at.date() if item.publish_at else None,
        visible_from=item.publish_at,
        visible_until=item.unpublish_at,
        extra=item.policy.title,
    )
