"""Writes of the disclosure catalogue. Every service is keyword-only, atomic and audited.

The lifecycle transitions themselves are ``publishing.services``; publishing a
document goes through ``document_publish`` so the interpretation rule (RULES.md §12)
and the validity of the documents it repeals or amends (RULES.md §9) follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.selectors import rule_value
from gongkai.core.doc_numbers import doc_number_key
from gongkai.core.ids import IdentifierError, format_index_number, parse_doc_number
from gongkai.documents.audit_actions import DocumentsAudit
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

from . import rules
from .choices import Category, Disclosure, RelationKind, Validity
from .models import (
    Column,
    Document,
    DocumentIssuer,
    Genre,
    IndexCounter,
    Interpretation,
    Issuer,
    Relation,
    Topic,
)

# What a published relation does to the validity of its target (RULES.md §9).
RELATION_VALIDITY = {
    RelationKind.REPEALS: Validity.REPEALED,
    RelationKind.REPLACES: Validity.REPEALED,
    RelationKind.AMENDS: Validity.AMENDED,
}
EDITABLE = (
    "title", "doc_number", "topic", "genre", "keywords", "summary", "body", "written_on",
    "effective_from", "valid_until", "disclosure", "disclosure_reason", "needs_interpretation",
    "category",
)  # fmt: skip


def _normative_validity(fields: dict[str, Any]) -> None:
    """A 行政规范性文件 without a ``valid_until`` gets the configured period from its
    实施日期 (or 成文日期), RULES.md §9; any other category keeps what was given."""
    if fields.get("category") != Category.NORMATIVE or fields.get("valid_until"):
        return
    starts = fields.get("effective_from") or fields.get("written_on")
    if starts is None:
        return
    fields["valid_until"] = rules.normative_valid_until(
        title=str(fields.get("title") or ""),
        starts=starts,
        years=rule_value("document.normative.years", on=starts),
        trial_years=rule_value("document.normative.trial_years", on=starts),
    )


def canonical_doc_number(value: str) -> str:
    """The canonical 文号, "" for none; InvalidInputError for a malformed one."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(parse_doc_number(value))
    except (IdentifierError, ValueError):
        raise InvalidInputError(
            _("文号“%s”格式不正确，应如“闽质监〔2017〕126号”。") % value,
            code="document.doc_number",
        ) from None


def _doc_number(value: str, *, issuers: Sequence[Issuer], imported: bool) -> str:
    """The 文号 to store: as written (RULES.md §9), except that a number the bureau
    gives its own document (drafted here, the bureau among the issuers) must follow
    GB/T 9704-2012 §7.2 and is stored in that form."""
    value = (value or "").strip()
    own = settings.GONGKAI_ORG_NAME
    if value and not imported and any(i.name == own for i in issuers):
        return canonical_doc_number(value)
    return value


def _check(fields: dict[str, Any]) -> None:
    if not str(fields.get("title") or "").strip():
        raise InvalidInputError(_("标题不能为空。"), code="document.title")
    problem = rules.disclosure_problem(
        disclosure=fields.get("disclosure", Disclosure.PROACTIVE),
        reason=fields.get("disclosure_reason", ""),
    )
    if problem:
        raise InvalidInputError(_(problem), code="document.disclosure_reason")
    problem = rules.dates_problem(
        written_on=fields.get("written_on"),
        effective_from=fields.get("effective_from"),
        valid_until=fields.get("valid_until"),
    )
    if problem:
        raise InvalidInputError(_(problem), code="document.dates")
    if fields.get("category", Category.OTHER) not in Category.values:
        raise InvalidInputError(_("文件类别无效。"), code="document.category")


def _index_number(year: int, on: dt.date) -> str:
    # The 索引号 belongs to the publishing organisation (this installation), whoever
    # the issuers are: GONGKAI_ORG_CODE + the configurable pattern (RULES.md §9).
    org_code = settings.GONGKAI_ORG_CODE
    if not org_code:
        raise InvalidInputError(
            _("未设置本机关的机构代码（GONGKAI_ORG_CODE），不能生成索引号。"),
            code="document.org_code",
        )
    counter, _created = IndexCounter.objects.select_for_update().get_or_create(
        org_code=org_code, year=year
    )
    pattern = rule_value("index_number.pattern", on=on)
    while True:
        counter.last += 1
        number = format_index_number(
            pattern, org_code=org_code, year=year, seq=counter.last
        )
        if not Document.objects.filter(index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


@transaction.atomic
def document_create(
    *,
    title: str,
    department: Any,
    issuers: Sequence[Issuer],
    written_on: dt.date | None,
    by: Staff,
    doc_number: str = "",
    topic: Topic | None = None,
    genre: Genre | None = None,
    keywords: str = "",
    summary: str = "",
    body: str = "",
    effective_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    disclosure: str = Disclosure.PROACTIVE,
    disclosure_reason: str = "",
    needs_interpretation: bool = False,
    columns: Sequence[Column] = (),
    formed_on: dt.date | None = None,
    import_key: str = "",
    searchable: bool = True,
    category: str = Category.OTHER,
    now: dt.datetime | None = None,
) -> Document:
    """Create a draft document with its 索引号 and start its proactive clock.

    An imported document (``import_key``) may have no issuer and no 成文日期 yet
    (unknown, to be completed by staff); one drafted here needs both."""
    if not can_edit_content(by, Document(department=department)):
        raise PermissionDeniedError()
    number = _doc_number(doc_number, issuers=issuers, imported=bool(import_key))
    fields = {
        "title": title.strip(), "doc_number": number,
        "topic": topic, "genre": genre, "keywords": keywords.strip(),
        "summary": summary.strip(), "body": pub.clean_html(body),
        "written_on": written_on, "effective_from": effective_from,
        "valid_until": valid_until, "disclosure": disclosure,
        "disclosure_reason": disclosure_reason.strip(),
        "needs_interpretation": needs_interpretation, "category": category,
    }  # fmt: skip
    _check(fields)
    _normative_validity(fields)
    if not issuers and not import_key:
        raise InvalidInputError(_("请至少选择一个发文机关。"), code="document.issuer")
    if written_on is None and not import_key:
        raise InvalidInputError(_("请填写成文日期。"), code="document.written_on")
    today = (now or timezone.now()).astimezone(SHANGHAI).date()
    if formed_on is not None and formed_on > today:
        raise InvalidInputError(
            _("信息形成日期不能晚于今天。"), code="document.formed_on_future"
        )
    # 索引号 year: the 成文日期's; for an unknown one the year it is catalogued.
    on = written_on or today
    index_number = _index_number(on.year, on)
    document = Document.objects.create(
        **fields,
        doc_number_key=doc_number_key(number),
        searchable=searchable,
        index_number=index_number,
        department=department,
        author=by,
        formed_on=formed_on if disclosure == Disclosure.PROACTIVE else None,
        import_key=import_key,
    )
    DocumentIssuer.objects.bulk_create(
        DocumentIssuer(document=document, issuer=issuer, position=n)
        for n, issuer in enumerate(dict.fromkeys(issuers))
    )
    document.columns.set(columns)
    pub.revision_save(obj=document, by=by, now=now)
    audit_record(
        actor=by,
        action=DocumentsAudit.CREATE,
        obj=document,
        now=now,
        changes={"title": document.title, "index_number": index_number},
    )
    pub.proactive_clock_start(obj=document, by=by, now=now)
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    by: Staff,
    issuers: Sequence[Issuer] | None = None,
    columns: Sequence[Column] | None = None,
    now: dt.datetime | None = None,
    **changes: Any,
) -> Document:
    """Change a draft document (fields of EDITABLE); a new revision is kept."""
    if not can_edit_content(by, document):
        raise PermissionDeniedError()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInputError(_("不能修改这些字段：%s") % ", ".join(sorted(unknown)))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Status.DRAFT:
        raise ConflictError(
            _("只有草稿可以修改；已发布内容请先撤回再重新编辑。"),
            code="publishing.not_draft",
        )
    if "doc_number" in changes:
        changes["doc_number"] = _doc_number(
            changes["doc_number"],
            issuers=issuers if issuers is not None else document_issuers(document),
            imported=bool(document.import_key),
        )
        changes["doc_number_key"] = doc_number_key(changes["doc_number"])
    if "body" in changes:
        changes["body"] = pub.clean_html(changes["body"])
    fields = {name: getattr(document, name) for name in EDITABLE} | changes
    _check(fields)
    if fields["written_on"] is None and not document.import_key:
        raise InvalidInputError(_("请填写成文日期。"), code="document.written_on")
    if changes.get("valid_until", document.valid_until) is None:
        _normative_validity(fields)
        if fields.get("valid_until") is not None:
            changes["valid_until"] = fields["valid_until"]
    before = document.review_text()
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    document.save()
    if issuers is not None:
        if not issuers and not document.import_key:
            raise InvalidInputError(
                _("请至少选择一个发文机关。"), code="document.issuer"
            )
        document.issuer_links.all().delete()
        DocumentIssuer.objects.bulk_create(
            DocumentIssuer(document=document, issuer=issuer, position=n)
            for n, issuer in enumerate(dict.fromkeys(issuers))
        )
    if columns is not None:
        document.columns.set(columns)
    pub.revision_save(obj=document, by=by, now=now)
    after = document.review_text()
    audit_record(
        actor=by,
        action=DocumentsAudit.UPDATE,
        obj=document,
        now=now,
        changes={
            "changed": sorted(
                set(changes) | {k for k in after if before[k] != after[k]}
            )
        },
    )
    return document


def document_issuers(document: Document) -> list[Issuer]:
    """The issuers of ``document`` in their order."""
    return [link.issuer for link in document.issuer_links.select_related("issuer")]


def _approved_interpretations(document: Document) -> int:
    return document.interpretations.filter(
        status__in=[Status.APPROVED, Status.PUBLISHED]
    ).count()


@transaction.atomic
def document_publish(
    *,
    document: Document,
    by: Staff,
    publish_at: dt.datetime | None = None,
    unpublish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Document:
    """Publish an approved document with its approved interpretations (同步发布), and
    mark the documents it repeals or amends."""
    if not can_review_content(by, document):
        raise PermissionDeniedError()
    if document.disclosure != Disclosure.PROACTIVE:
        raise ConflictError(
            _("只有主动公开的文件在网站发布；依申请公开或不予公开的文件不发布。"),
            code="document.not_proactive",
        )
    if rules.interpretation_blocks_publication(
        needs_interpretation=document.needs_interpretation,
        waived=bool(document.interpretation_waiver),
        approved_interpretations=_approved_interpretations(document),
    ):
        raise ConflictError(
            _(
                "该文件需要政策解读：解读材料审核通过后才能发布，或由审核人说明理由免于解读。"
            ),
            code="document.needs_interpretation",
        )
    document = pub.publishing_publish(
        obj=document, by=by, publish_at=publish_at, unpublish_at=unpublish_at, now=now
    )  # type: ignore[assignment]
    for item in document.interpretations.filter(status=Status.APPROVED):
        pub.publishing_publish(obj=item, by=by, publish_at=document.publish_at, now=now)
    _apply_relations(document, by=by, now=now)
    return document


def _apply_relations(source: Document, *, by: Staff, now: dt.datetime | None) -> None:
    assert source.publish_at is not None
    on = source.effective_from or source.publish_at.astimezone(SHANGHAI).date()
    for relation in source.relations_out.select_related("target"):
        validity = RELATION_VALIDITY.get(relation.kind)  # type: ignore[call-overload]
        target = relation.target
        if validity is None or target.validity == Validity.REPEALED:
            continue
        target.validity, target.validity_changed_on = validity, on
        target.save(update_fields=["validity", "validity_changed_on", "updated_at"])
        audit_record(
            actor=by,
            action=DocumentsAudit.VALIDITY,
            obj=target,
            now=now,
            changes={"validity": validity, "on": on, "by_document": source.pk},
        )


@transaction.atomic
def document_waive_interpretation(
    *, document: Document, by: Staff, reason: str, now: dt.datetime | None = None
) -> Document:
    """A reviewer lets a policy that needs interpretation be published without one."""
    if not can_review_content(by, document):
        raise PermissionDeniedError()
    if not reason.strip():
        raise InvalidInputError(
            _("免于解读必须说明理由。"), code="document.waiver_reason"
        )
    document.interpretation_waiver = reason.strip()[:300]
    document.save(update_fields=["interpretation_waiver", "updated_at"])
    audit_record(
        actor=by,
        action=DocumentsAudit.WAIVE_INTERPRETATION,
        obj=document,
        now=now,
        changes={"reason": document.interpretation_waiver},
    )
    return document


@transaction.atomic
def relation_add(
    *,
    source: Document,
    target: Document,
    kind: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Relation:
    """Record that ``source`` amends/repeals/replaces/interprets ``target``."""
    if not can_edit_content(by, source):
        raise PermissionDeniedError()
    if source.pk == target.pk:
        raise InvalidInputError(_("文件不能与自身建立关联。"), code="relation.self")
    if kind not in RelationKind.values:
        raise InvalidInputError(_("关联类型无效。"), code="relation.kind")
    if Relation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ConflictError(_("这项关联已经存在。"), code="relation.exists")
    relation = Relation.objects.create(
        source=source, target=target, kind=kind, created_at=now or timezone.now()
    )
    audit_record(
        actor=by,
        action=DocumentsAudit.RELATE,
        obj=source,
        now=now,
        changes={"kind": kind, "target": target.pk},
    )
    if source.status == Status.PUBLISHED and source.publish_at is not None:
        _apply_relations(source, by=by, now=now)
    return relation


@transaction.atomic
def interpretation_create(
    *,
    policy: Document,
    title: str,
    body: str,
    by: Staff,
    form: str = "text",
    now: dt.datetime | None = None,
) -> Interpretation:
    """Draft an interpretation of ``policy`` (same department, same lifecycle)."""
    if not can_edit_content(by, policy):
        raise PermissionDeniedError()
    if not title.strip() or not body.strip():
        raise InvalidInputError(
            _("解读的标题和正文不能为空。"), code="interpretation.empty"
        )
    item = Interpretation.objects.create(
        policy=policy,
        title=title.strip(),
        body=pub.clean_html(body),
        form=form,
        department=policy.department,
        author=by,
    )
    pub.revision_save(obj=item, by=by, now=now)
    audit_record(
        actor=by,
        action=DocumentsAudit.INTERPRETATION_CREATE,
        obj=item,
        now=now,
        changes={"policy": policy.pk, "title": item.title},
    )
    return item
