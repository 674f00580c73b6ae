"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class ClocksAudit(AuditAction):
    CALENDAR_YEAR_SET = "calendar.year_set"
    DELETE = "clock.delete"
    DIGEST_SENT = "clock.digest_sent"
    EVENT = "clock.event"
    REASSIGN = "clock.reassign"
    REMINDER_SENT = "clock.reminder_sent"
    START = "clock.start"
    START_BULK = "clock.start_bulk"
