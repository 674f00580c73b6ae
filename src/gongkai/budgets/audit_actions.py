"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class BudgetsAudit(AuditAction):
    IMPORT = "budget.import"
    UPDATE = "budget.update"
    APPROVAL_RECORD = "budget.approval_record"
    CODES_LOAD = "budget.codes_load"
