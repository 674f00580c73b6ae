"""Workbench pages of participation (mounted at /workbench/participation/)."""

from django.urls import path

from gongkai.publishing.import_pages import import_urls
from gongkai.publishing.views import content_action

from .views import consultations_staff as cs
from .views import importing, incidents, mailbox, proposals

app_name = "participation-staff"
urlpatterns = [
    # consultations and meetings
    path("consultations/", cs.consultation_list, name="consultation-list"),
    path("consultations/new/", cs.consultation_create, name="consultation-create"),
    path(
        "consultations/import/", cs.consultation_import_page, name="consultation-import"
    ),
    path("consultations/<int:pk>/", cs.consultation_edit, name="consultation-edit"),
    path(
        "consultations/<int:pk>/comments/<int:comment_pk>/",
        cs.comment_moderate,
        name="comment-moderate",
    ),
    path(
        "consultations/<int:pk>/final-document/",
        cs.final_document,
        name="final-document",
    ),
    path(
        "consultations/<int:pk>/feedback/", cs.feedback_create, name="feedback-create"
    ),
    path(
        "consultations/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "participation.publicconsultation"},
        name="consultation-action",
    ),
    path("feedback/<int:pk>/", cs.feedback_edit, name="feedback-edit"),
    path(
        "feedback/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "participation.feedbackreport"},
        name="feedback-action",
    ),
    path("meetings/", cs.meeting_list, name="meeting-list"),
    path("meetings/new/", cs.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", cs.meeting_edit, name="meeting-edit"),
    path(
        "meetings/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "participation.openmeeting"},
        name="meeting-action",
    ),
    # --- mailbox, proposals, incidents (issue 13 items 2-4)
    path("messages/", mailbox.staff_message_list, name="message-list"),
    path("messages/stats/", mailbox.staff_message_stats, name="message-stats"),
    path("messages/<int:pk>/", mailbox.staff_message_detail, name="message-detail"),
    path("proposals/", proposals.staff_proposal_list, name="proposal-list"),
    path("proposals/new/", proposals.staff_proposal_create, name="proposal-create"),
    path(
        "proposals/<int:pk>/", proposals.staff_proposal_detail, name="proposal-detail"
    ),
    path("replies/<int:pk>/", proposals.staff_reply_edit, name="reply-edit"),
    path(
        "replies/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "participation.proposalreply"},
        name="reply-action",
    ),
    path("incidents/", incidents.staff_incident_list, name="incident-list"),
    path("incidents/new/", incidents.staff_incident_create, name="incident-create"),
    path(
        "incidents/<int:pk>/", incidents.staff_incident_detail, name="incident-detail"
    ),
    *import_urls(importing.IMPORT_PAGES),
    # --- end mailbox, proposals, incidents
]
