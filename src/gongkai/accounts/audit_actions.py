"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class AccountsAudit(AuditAction):
    OTP_ENROLLED = "accounts.otp_enrolled"
    OTP_FAILED = "accounts.otp_failed"
