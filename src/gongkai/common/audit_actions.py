"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class CommonAudit(AuditAction):
    SET = "rule.set"
