"""Writes of the foi app (keyword-only, atomic, audited); see the submodules."""

from .fees import fee_lapse, fee_notify, fee_quote, fee_receive
from .handling import (
    appeal_record,
    appeal_update,
    correction_lapse,
    correction_receive,
    correction_request,
    correction_submit,
    correction_waive,
    delivery_record,
    reply_needs_approval,
    request_reply,
    request_withdraw,
)
from .intake import (
    Application,
    applicant_data_viewed,
    attachment_viewed,
    request_assign,
    request_confirm_receipt,
    request_register,
    request_submit,
)
from .letters import letter_issue
from .periods import (
    consultation_answer,
    consultation_send,
    extension_approve,
    extension_request,
    reasons_request,
    reply_delay,
    third_party_disclosure_decide,
    third_party_notice_issue,
)
from .replies import reply_approve, reply_draft, reply_return

__all__ = [
    "Application",
    "appeal_record",
    "appeal_update",
    "applicant_data_viewed",
    "attachment_viewed",
    "consultation_answer",
    "consultation_send",
    "correction_lapse",
    "correction_receive",
    "correction_request",
    "correction_submit",
    "correction_waive",
    "delivery_record",
    "extension_approve",
    "extension_request",
    "fee_lapse",
    "fee_notify",
    "fee_quote",
    "fee_receive",
    "letter_issue",
    "reasons_request",
    "reply_approve",
    "reply_delay",
    "reply_draft",
    "reply_needs_approval",
    "reply_return",
    "request_assign",
    "request_confirm_receipt",
    "request_register",
    "request_reply",
    "request_submit",
    "request_withdraw",
    "third_party_disclosure_decide",
    "third_party_notice_issue",
]
