"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class RegistersAudit(AuditAction):
    BUILTIN = "register.builtin"
    DEFINE = "register.define"
    IMPORT_BATCH = "register.import_batch"
    REDEFINE = "register.redefine"
    ENTRY_ATTACH = "register.entry_attach"
    ENTRY_CREATE = "register.entry_create"
    ENTRY_UPDATE = "register.entry_update"
