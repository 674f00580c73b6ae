"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class PublishingAudit(AuditAction):
    PAGE_CREATE = "page.create"
    PAGE_UPDATE = "page.update"
    APPROVE = "publishing.approve"
    DELETE = "publishing.delete"
    PUBLISH = "publishing.publish"
    REJECT = "publishing.reject"
    REOPEN = "publishing.reopen"
    SUBMIT = "publishing.submit"
    WITHDRAW = "publishing.withdraw"
    MASK = "publishing.mask"
