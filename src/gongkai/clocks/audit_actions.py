"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class ClocksAudit(AuditAction):
    CALENDAR_YEAR_SET = "calendar.year_set"
    DELETE = "clock.delete"
    EVENT = "clock.event"
    START = "clock.start"
    START_BULK = "clock.start_bulk"
