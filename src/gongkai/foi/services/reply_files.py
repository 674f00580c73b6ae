"""Documents disclosed with a reply: upload, personal-data scan, redaction, review.

A reply carries the information itself (条例 第三十六条第二项 予以公开). Each file's
text is scanned for personal data (core.text.scan_personal_data; 条例 第十五条 第三方
个人隐私); a PDF with hits is redacted into a copy without those characters (the
original is kept for the record), and a page with no text layer (a scan, an image)
waits for a person to look at it. The reply cannot go out while a file is not
releasable (``ReplyFile.releasable``); the applicant then downloads the releasable
version from the tracking page.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.errors import ConflictError, InvalidInputError
from gongkai.core.text import scan_personal_data

from ..audit_actions import FoiAudit
from ..models import FoiRequest, ReplyFile
from ..reply_documents import (
    DocumentError,
    extract,
    kind_of,
    redact_docx,
    redact_pdf,
    redact_xlsx,
)
from .common import _audit, _lock

MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def reply_file_add(
    *,
    request: FoiRequest,
    name: str,
    data: bytes,
    by: Staff,
    now: dt.datetime | None = None,
) -> ReplyFile:
    """Attach a document to the coming reply, scanned for personal data."""
    now = now or timezone.now()
    request = _lock(request, by, "attach_reply_file")
    name = name.replace("/", "_").replace("\\", "_")[-200:] or "file"
    if not data or len(data) > MAX_BYTES:
        raise InvalidInputError(
            _("附件不能为空，且不能超过20MB。"), code="foi.reply_file_size"
        )
    try:
        kind = kind_of(name, data[:16])
        found = extract(kind, data)
    except DocumentError as exc:
        raise InvalidInputError(
            _("只接受可以打开的 PDF、DOCX、XLSX、PNG 或 JPG 文件。"),
            code="foi.reply_file_type",
        ) from exc
    hits = [
        {"kind": f.kind, "page": page, "start": f.start, "end": f.end, "value": f.value}
        for page, text in enumerate(found.pages, 1)
        for f in scan_personal_data(text)
    ]
    reply_file = ReplyFile(
        request=request,
        name=name,
        kind=kind,
        size=len(data),
        pages=len(found.pages),
        hits=hits,
        scanned_pages=found.scanned,
        uploaded_by=by,
    )
    reply_file.file.save(name, ContentFile(data), save=False)
    reply_file.save()
    _audit(by, FoiAudit.REPLY_FILE_ADDED, request, now, name=name, kind=kind,
           hits=len(hits), scanned_pages=found.scanned)  # fmt: skip
    return reply_file


def _locked_file(reply_file: ReplyFile, by: Staff, step: str) -> ReplyFile:
    _lock(reply_file.request, by, step)
    return ReplyFile.objects.select_for_update().get(pk=reply_file.pk)


@transaction.atomic
def reply_file_redact(
    *, reply_file: ReplyFile, by: Staff, now: dt.datetime | None = None
) -> ReplyFile:
    """Remove every personal-data hit into a redacted copy of the same format: a
    PDF's characters are cut out of its text layer, a DOCX's or XLSX's text is
    replaced; the original stays in ``file``."""
    now = now or timezone.now()
    reply_file = _locked_file(reply_file, by, "attach_reply_file")
    if reply_file.kind not in ("pdf", "docx", "xlsx"):
        raise InvalidInputError(
            _("图片中的个人信息请人工遮盖后重新上传；PDF、DOCX、XLSX 可自动脱敏。"),
            code="foi.redact_kind",
        )
    if not reply_file.hits:
        raise ConflictError(_("该文件没有发现个人信息。"), code="foi.redact_nothing")
    with reply_file.file.open("rb") as handle:
        original = handle.read()
    values = sorted({hit["value"] for hit in reply_file.hits})
    if reply_file.kind == "pdf":
        spans: dict[int, list[tuple[int, int]]] = {}
        for hit in reply_file.hits:
            spans.setdefault(hit["page"], []).append((hit["start"], hit["end"]))
        redacted = redact_pdf(original, spans)
    elif reply_file.kind == "docx":
        redacted = redact_docx(original, values)
    else:
        redacted = redact_xlsx(original, values)
    # the check that matters: none of the removed values is left in the text
    left = "".join(extract(reply_file.kind, redacted).pages)
    if any(hit["value"] in left for hit in reply_file.hits):
        raise ConflictError(
            _("自动脱敏未能去除全部个人信息，请人工处理后重新上传。"),
            code="foi.redact_failed",
        )
    stem = reply_file.name.rsplit(".", 1)[0]
    name = f"{stem}-脱敏.{reply_file.kind}"
    reply_file.redacted.save(name, ContentFile(redacted), save=False)
    reply_file.redacted_at = now
    reply_file.save(update_fields=["redacted", "redacted_at"])
    _audit(by, FoiAudit.REPLY_FILE_REDACTED, reply_file.request, now,
           name=reply_file.name, hits=len(reply_file.hits))  # fmt: skip
    return reply_file


@transaction.atomic
def reply_file_review(
    *, reply_file: ReplyFile, by: Staff, now: dt.datetime | None = None
) -> ReplyFile:
    """Record that a person looked at the pages without a text layer."""
    now = now or timezone.now()
    reply_file = _locked_file(reply_file, by, "attach_reply_file")
    if not reply_file.scanned_pages:
        raise ConflictError(
            _("该文件没有需要人工检查的页。"), code="foi.review_nothing"
        )
    reply_file.reviewed_by = by
    reply_file.save(update_fields=["reviewed_by"])
    _audit(by, FoiAudit.REPLY_FILE_REVIEWED, reply_file.request, now,
           name=reply_file.name, pages=reply_file.scanned_pages)  # fmt: skip
    return reply_file


def require_releasable(request: FoiRequest) -> None:
    """The reply cannot go out with a file still holding personal data or unchecked."""
    pending = [f.name for f in request.reply_files.all() if not f.releasable]
    if pending:
        raise ConflictError(
            _("答复附件尚未脱敏或尚有待人工检查的扫描页：%(names)s")
            % {"names": "、".join(pending)},
            code="foi.reply_files_pending",
        )
