"""Public pages of participation (mounted at the site root)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from .feeds import ConsultationFeed
from .feeds_mailbox import IncidentFeed, MessageFeed
from .views import consultations, incidents, mailbox, proposals

app_name = "participation"
urlpatterns = [
    # consultations and meetings
    path("consultations/", consultations.consultation_list, name="consultation-list"),
    path(
        "consultations/feed/", public_page(ConsultationFeed()), name="consultation-feed"
    ),
    path(
        "consultations/<int:pk>/",
        consultations.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "consultations/<int:pk>/comment/",
        consultations.consultation_comment,
        name="consultation-comment",
    ),
    path(
        "consultations/feedback/<int:pk>/",
        consultations.feedback_detail,
        name="feedback-detail",
    ),
    path("meetings/", consultations.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", consultations.meeting_detail, name="meeting-detail"),
    # --- mailbox, proposals, incidents (issue 13 items 2-4)
    path("messages/", mailbox.message_list, name="message-list"),
    path("messages/new/", mailbox.message_new, name="message-new"),
    path("messages/done/", mailbox.message_done, name="message-done"),
    path("messages/track/", mailbox.message_track, name="message-track"),
    path("messages/mine/", mailbox.message_mine, name="message-mine"),
    path("messages/feed/", public_page(MessageFeed()), name="message-feed"),
    path("messages/<str:number>/", mailbox.message_detail, name="message-detail"),
    path("proposals/", proposals.proposal_list, name="proposal-list"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal-detail"),
    path("incidents/", incidents.incident_list, name="incident-list"),
    path("incidents/feed/", public_page(IncidentFeed()), name="incident-feed"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident-detail"),
    # --- end mailbox, proposals, incidents
]
