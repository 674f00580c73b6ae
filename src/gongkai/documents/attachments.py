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

from .choices import MediaKind
from .models import Attachment, Document, Interpretation, InterpretationMedia

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


# Media of interpretations (三同步: 图解 and video), each with a text alternative.
MEDIA_MAX_BYTES = 200 * 1024 * 1024
MEDIA_TYPES = {
    MediaKind.IMAGE: {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"},
    MediaKind.VIDEO: {".mp4": "video/mp4", ".webm": "video/webm"},
}
MEDIA_MAGIC = {".webm": (b"\x1aE\xdf\xa3",)}


def _media_content_ok(suffix: str, data: bytes) -> bool:
    if suffix == ".mp4":  # ISO base media: a box size, then "ftyp"
        return data[4:8] == b"ftyp"
    magic = MAGIC.get(suffix) or MEDIA_MAGIC.get(suffix)
    return not magic or data.startswith(magic)


@transaction.atomic
def interpretation_media_add(
    *,
    interpretation: Interpretation,
    kind: str,
    name: str,
    data: bytes,
    caption: str,
    text_alternative: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> InterpretationMedia:
    """Add an image (图解) or video to a draft interpretation; a text alternative is
    required (accessibility), and the file's type and size are checked."""
    if not can_edit_content(by, interpretation):
        raise PermissionDeniedError()
    if interpretation.status != "draft":
        raise InvalidInputError(
            _("只有草稿状态的解读可以添加图解或视频。"), code="interpretation.not_draft"
        )
    if not text_alternative.strip() or not caption.strip():
        raise InvalidInputError(
            _("图解和视频必须填写标题和文字说明，供无法查看图像或视频的读者使用。"),
            code="interpretation.text_alternative",
        )
    types = MEDIA_TYPES.get(MediaKind(kind) if kind in MediaKind.values else None, {})
    clean = safe_name(name)
    suffix = PurePath(clean).suffix.lower()
    if suffix not in types:
        raise InvalidInputError(
            _("不支持的文件类型，可上传：%s")
            % "、".join(sorted(s for t in MEDIA_TYPES.values() for s in t)),
            code="interpretation.media_type",
        )
    if not data or len(data) > MEDIA_MAX_BYTES:
        raise InvalidInputError(
            _("文件为空或超过 %d MB。") % (MEDIA_MAX_BYTES // 1024 // 1024),
            code="interpretation.media_size",
        )
    if not _media_content_ok(suffix, data):
        raise InvalidInputError(
            _("文件内容与扩展名不符。"), code="interpretation.media_content"
        )
    now = now or timezone.now()
    item = InterpretationMedia(
        interpretation=interpretation, kind=kind, name=clean,
        content_type=types[suffix], size=len(data), caption=caption.strip()[:200],
        text_alternative=text_alternative.strip(), created_at=now,
    )  # fmt: skip
    item.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    item.save()
    audit_record(
        actor=by,
        action=DocumentsAudit.INTERPRETATION_MEDIA_ADD,
        obj=interpretation,
        now=now,
        changes={"kind": kind, "name": clean, "size": len(data)},
    )
    return item
