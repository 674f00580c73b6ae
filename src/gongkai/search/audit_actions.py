"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class SearchAudit(AuditAction):
    SYNONYM_CREATE = "search.synonym_create"
    SYNONYM_DELETE = "search.synonym_delete"
    SYNONYM_UPDATE = "search.synonym_update"
