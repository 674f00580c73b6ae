"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class DocumentsAudit(AuditAction):
    ATTACHMENT_ADD = "document.attachment_add"
    CREATE = "document.create"
    IMPORT_PUBLISH = "document.import_publish"
    IMPORT_REPEALED = "document.import_repealed"
    RELATE = "document.relate"
    UPDATE = "document.update"
    VALIDITY = "document.validity"
    WAIVE_INTERPRETATION = "document.waive_interpretation"
    GUIDE_UPDATE = "guide.update"
    INTERPRETATION_CREATE = "interpretation.create"
    INTERPRETATION_MEDIA_ADD = "interpretation.media_add"
