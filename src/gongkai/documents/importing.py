"""``gongkai documents import``: official text, .docx, PDF, OFD and JSON Lines files.

Each document is imported in its own transaction, so a bad row never loses the good
ones; a document already imported (same ``import_key``: a hash of its metadata and
text) is left unchanged, so re-importing a file changes nothing.  With ``publish``
the document is published at once by the importing user (a reviewer), after the same
personal-data and blocking-word checks as a review; otherwise it enters review.

Documents are taken as they are (RULES.md §9): a 文号 of an unknown shape, a
missing 成文日期 or 发文机关 and a scan without a text layer are kept and reported
as warnings (``ImportReport.warnings``); the staff list shows them as documents to
complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_review_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import ConflictError, GongkaiError, PermissionDeniedError
from gongkai.core.doc_numbers import doc_number_key
from gongkai.documents.audit_actions import DocumentsAudit
from gongkai.publishing import services as pub
from gongkai.publishing.checks import review_checks
from gongkai.publishing.choices import Status

from .choices import Validity
from .formats import FormatError, docx_paragraphs, ofd_text, pdf_text
from .models import Document, Issuer
from .parsing import ParsedDocument, RowError, parse_jsonl, parse_official_text
from .services import _apply_relations, document_create

SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".ofd", ".jsonl", ".ndjson"})
_LAYOUT = {".docx": docx_paragraphs, ".pdf": pdf_text, ".ofd": ofd_text}


@dataclass
class ImportReport:
    created: list[Document] = field(default_factory=list)
    unchanged: int = 0
    errors: list[tuple[str, int, str]] = field(
        default_factory=list
    )  # file, line, reason
    # file, line, reason: imported (or unchanged) but incomplete or unusual.
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


def _scan(name: str) -> ParsedDocument:
    """A layout file without text (a scan): kept under its file name, not searchable."""
    return ParsedDocument(
        title=Path(name).stem[:300], doc_number="", issuers=[], written_on=None,
        body=[], searchable=False,
        warnings=[(1, _("文件没有文字层（扫描件），已保存但无法全文检索；请补全标题、文号、发文机关和成文日期。"))],
    )  # fmt: skip


def parse_file(name: str, data: bytes) -> list[ParsedDocument | RowError]:
    """The documents of one file (format by extension), or the reasons they fail."""
    suffix = Path(name).suffix.lower()
    try:
        if reader := _LAYOUT.get(suffix):
            text = reader(data)
            if not text.strip():
                return [_scan(name)]
            return [parse_official_text(text)]
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [RowError(1, "文件不是 UTF-8 编码的文本。")]
    except FormatError as err:
        return [RowError(1, str(err))]
    except RowError as err:
        return [err]
    if suffix in (".jsonl", ".ndjson"):
        return list(parse_jsonl(text))
    try:
        return [parse_official_text(text)]
    except RowError as err:
        return [err]


def import_key(doc: ParsedDocument) -> str:
    raw = "\x1f".join(
        [
            doc.title,
            doc.doc_number,
            "、".join(doc.issuers),
            str(doc.written_on or ""),
            *doc.body,
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def _body_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


@transaction.atomic
def _import_one(
    doc: ParsedDocument,
    *,
    key: str,
    department: Any,
    by: Staff,
    publish: bool,
    now: dt.datetime,
) -> Document | None:
    if Document.objects.filter(import_key=key).exists():
        return None
    key_of_number = doc_number_key(doc.doc_number)
    if key_of_number and Document.objects.filter(doc_number_key=key_of_number).exists():
        raise RowError(doc.line, _("文号“%s”已被另一份文件使用。") % doc.doc_number)
    issuers = [Issuer.objects.get_or_create(name=name[:100])[0] for name in doc.issuers]
    document = document_create(
        title=doc.title, department=department, issuers=issuers,
        written_on=doc.written_on, by=by, doc_number=doc.doc_number,
        summary=doc.summary, keywords=doc.keywords, body=_body_html(doc.body),
        effective_from=doc.effective_from, disclosure=doc.disclosure,
        disclosure_reason=doc.disclosure_reason or (
            _("导入时标注为非主动公开") if doc.disclosure != "proactive" else ""
        ),
        import_key=key, searchable=doc.searchable, category=doc.category,
        valid_until=doc.valid_until, now=now,
    )  # fmt: skip
    if doc.repealed_on is not None:
        _record_repeal(document, on=doc.repealed_on, by=by, now=now)
    if not publish:
        return pub.publishing_submit(obj=document, by=by, now=now)  # type: ignore[return-value]
    if doc.disclosure != "proactive":
        return document
    published_at = now
    if doc.published_on is not None:
        published_at = dt.datetime.combine(
            doc.published_on, dt.time(9), tzinfo=now.tzinfo
        )
        published_at = min(published_at, now)
    try:
        document_publish_at_once(
            document=document, by=by, publish_at=published_at, now=now
        )
    except GongkaiError as err:
        raise RowError(doc.line, str(err.message)) from None
    return document


def _record_repeal(
    document: Document, *, on: dt.date, by: Any, now: dt.datetime
) -> None:
    """A repeal the file records without the repealing act in the catalogue (JSONL
    "repealed_on"): counted as 废止 in that year (annual report table 2)."""
    document.validity, document.validity_changed_on = Validity.REPEALED, on
    document.save(update_fields=["validity", "validity_changed_on", "updated_at"])
    audit_record(
        actor=by,
        action=DocumentsAudit.IMPORT_REPEALED,
        obj=document,
        now=now,
        changes={"repealed_on": on},
    )


@transaction.atomic
def document_publish_at_once(
    *,
    document: Document,
    by: Staff,
    publish_at: dt.datetime,
    now: dt.datetime | None = None,
) -> Document:
    """Publish a draft at once, the importing reviewer acting as reviewer and publisher
    (historic documents already approved on paper); the pre-publication checks still run."""
    if not can_review_content(by, document):
        raise PermissionDeniedError()
    if document.status != Status.DRAFT:
        raise ConflictError(_("只有草稿可以直接发布。"), code="document.not_draft")
    report = review_checks(document)
    if report.blocks:
        raise ConflictError(
            _("含有个人信息或禁用词语，未发布。"), code="publishing.blocked",
            detail=report.as_detail(),
        )  # fmt: skip
    now = now or timezone.now()
    document.status, document.reviewer, document.reviewed_at = Status.PUBLISHED, by, now
    document.publish_at = publish_at
    document.save()
    audit_record(
        actor=by,
        action=DocumentsAudit.IMPORT_PUBLISH,
        obj=document,
        now=now,
        changes={"publish_at": publish_at, "checks": report.as_detail()},
    )
    _apply_relations(document, by=by, now=now)
    return document


def documents_import(
    *,
    files: list[tuple[str, bytes]],
    department: Any,
    by: Staff,
    publish: bool = False,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Import every document of ``files`` ((name, bytes) pairs); report per row."""
    if publish and not can_review_content(by):
        raise PermissionDeniedError(_("只有审核人可以在导入时直接发布。"))
    now = now or timezone.now()
    report = ImportReport()
    for name, data in files:
        for item in parse_file(name, data):
            if isinstance(item, RowError):
                report.errors.append((name, item.line, item.reason))
                continue
            warnings = [(name, line, reason) for line, reason in item.warnings]
            try:
                document = _import_one(
                    item, key=import_key(item), department=department, by=by,
                    publish=publish, now=now,
                )  # fmt: skip
            except RowError as err:
                report.errors.append((name, err.line, err.reason))
            except GongkaiError as err:
                report.errors.append((name, item.line, str(err.message)))
            else:
                report.warnings.extend(warnings)
                if document is None:
                    report.unchanged += 1
                else:
                    report.created.append(document)
    return report
