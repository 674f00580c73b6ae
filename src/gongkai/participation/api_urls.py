"""API of participation (mounted at /api/v1/participation/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import api
from . import consultation_api as capi

app_name = "participation-api"
urlpatterns = [
    # consultations and meetings
    path(
        "consultations/",
        public_page(capi.ConsultationListView.as_view()),
        name="consultation-list",
    ),
    path(
        "consultations/<int:pk>/",
        capi.ConsultationDetailView.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<int:pk>/comments/",
        capi.CommentCreateView.as_view(),
        name="consultation-comments",
    ),
    path("meetings/", public_page(capi.MeetingListView.as_view()), name="meeting-list"),
    path("meetings/<int:pk>/", capi.MeetingDetailView.as_view(), name="meeting-detail"),
    # --- mailbox, proposals, incidents (issue 13 items 2-4)
    path("messages/", public_page(api.MessageListView.as_view()), name="message-list"),
    path("messages/stats/", api.MessageStatsView.as_view(), name="message-stats"),
    path(
        "messages/<str:number>/", api.MessageDetailView.as_view(), name="message-detail"
    ),
    path(
        "proposals/", public_page(api.ProposalListView.as_view()), name="proposal-list"
    ),
    path(
        "proposals/<int:pk>/", api.ProposalDetailView.as_view(), name="proposal-detail"
    ),
    path(
        "incidents/", public_page(api.IncidentListView.as_view()), name="incident-list"
    ),
    path(
        "incidents/<int:pk>/", api.IncidentDetailView.as_view(), name="incident-detail"
    ),
    # --- end mailbox, proposals, incidents
]
