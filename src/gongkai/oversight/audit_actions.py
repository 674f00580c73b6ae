"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


class OversightAudit(AuditAction):
    CHECK_RUN = "oversight.check_run"
    PLAN_IMPORT = "oversight.plan_import"
    PROGRESS_REPORT = "oversight.progress_report"
    TASK_STATUS = "oversight.task_status"
    ACCOUNT_SAVE = "oversight.account_save"
    POST_SAVE = "oversight.post_save"
    POST_THREE_REVIEW = "oversight.post_three_review"
    READING_ROOM_SAVE = "oversight.reading_room_save"
    TRAINING_SAVE = "oversight.training_save"
    MEMBER_SAVE = "oversight.member_save"
