"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class AccountsAudit(AuditAction):
    OTP_ENROLLED = "accounts.otp_enrolled"
    OTP_FAILED = "accounts.otp_failed"
    ENROL_LINK_ISSUED = "accounts.enrol_link_issued"
    LOCKED_OUT = "accounts.locked_out"
