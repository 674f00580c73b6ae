"""Attachments of documents: allowed types, a size limit, safe names."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import can_edit_content
from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.documents.audit_actions import DocumentsAudit

from .models import Attachment, Document

MAX_BYTES = 20 * 1024 * 1024
TYPES = {
    ".pdf": "application/pdf",
    ".ofd": "application/ofd",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".wps": "application/vnd.ms-works",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".et": "application/vnd.ms-excel",
    ".zip": "application/zip",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
# Leading bytes of the binary formats; a renamed executable is refused.
MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
    ".ofd": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


def safe_name(name: str) -> str:
    """The file's base name without path parts, control or reserved characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]', "", base).strip(" .")
    return base[:150] or "attachment"


@transaction.atomic
def attachment_add(
    *,
    document: Document,
    name: str,
    data: bytes,
    by: Staff,
    now: dt.datetime | None = None,
) -> Attachment:
    """Attach a file to a draft document after checking its type and size."""
    if not can_edit_content(by, document):
        raise PermissionDeniedError()
    clean = safe_name(name)
    suffix = PurePath(clean).suffix.lower()
    if suffix not in TYPES:
        raise InvalidInputError(
            _("不支持的附件类型，可上传：%s") % "、".join(sorted(TYPES)),
            code="attachment.type",
        )
    if len(data) > MAX_BYTES:
        raise InvalidInputError(
            _("附件不能超过 %d MB。") % (MAX_BYTES // 1024 // 1024),
            code="attachment.size",
        )
    if not data:
        raise InvalidInputError(_("附件是空文件。"), code="attachment.empty")
    magic = MAGIC.get(suffix)
    if magic and not data.startswith(magic):
        raise InvalidInputError(_("附件内容与扩展名不符。"), code="attachment.content")
    now = now or timezone.now()
    item = Attachment(
        document=document, name=clean, content_type=TYPES[suffix], size=len(data),
        created_at=now,
    )  # fmt: skip
    item.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    item.save()
    audit_record(
        actor=by,
        action=DocumentsAudit.ATTACHMENT_ADD,
        obj=document,
        now=now,
        changes={"name": clean, "size": len(data)},
    )
    return item
