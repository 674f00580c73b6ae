"""Workbench pages of participation (mounted at /workbench/participation/)."""

from django.urls import path

from gongkai.publishing.views import content_action

from .views import consultations_staff as cs

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
]
