"""Public pages of participation (mounted at the site root)."""

from django.urls import path

from .feeds import ConsultationFeed
from .views import consultations

app_name = "participation"
urlpatterns = [
    # consultations and meetings
    path("consultations/", consultations.consultation_list, name="consultation-list"),
    path("consultations/feed/", ConsultationFeed(), name="consultation-feed"),
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
]
