"""API of participation (mounted at /api/v1/participation/)."""

from django.urls import path

from . import consultation_api as capi

app_name = "participation-api"
urlpatterns = [
    # consultations and meetings
    path(
        "consultations/", capi.ConsultationListView.as_view(), name="consultation-list"
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
    path("meetings/", capi.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<int:pk>/", capi.MeetingDetailView.as_view(), name="meeting-detail"),
]
