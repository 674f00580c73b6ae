"""The names of the audit events this module writes (``common.audit``), typed."""

from gongkai.common.audit import AuditAction


# consultations and meetings ---------------------------------------------------------
class ConsultationsAudit(AuditAction):
    CREATE = "consultation.create"
    UPDATE = "consultation.update"
    CLOSE = "consultation.close"
    FINAL_DOCUMENT = "consultation.final_document"
    IMPORT = "consultation.import"
    COMMENT_SUBMIT = "consultation.comment_submit"
    COMMENT_MODERATE = "consultation.comment_moderate"
    FEEDBACK_CREATE = "consultation.feedback_create"
    FEEDBACK_UPDATE = "consultation.feedback_update"
    FEEDBACK_PUBLISH = "consultation.feedback_publish"
    MEETING_CREATE = "meeting.create"
    MEETING_UPDATE = "meeting.update"


# --- mailbox, proposals, incidents (issue 13 items 2, 3, 4, 8)
class ParticipationAudit(AuditAction):
    MESSAGE_SUBMIT = "message.submit"
    MESSAGE_ASSIGN = "message.assign"
    MESSAGE_ANSWER = "message.answer"
    MESSAGE_INVALID = "message.invalid"
    MESSAGE_RATE = "message.rate"
    MESSAGE_IMPORT = "message.import_batch"
    PROPOSAL_CREATE = "proposal.create"
    PROPOSAL_REPLY = "proposal.reply"
    PROPOSAL_RATE = "proposal.rate"
    INCIDENT_CREATE = "incident.create"
    INCIDENT_RELEASE = "incident.release"
