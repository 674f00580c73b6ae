from django.urls import path

from gongkai.publishing.views import content_action

from . import views_staff as v

app_name = "documents-staff"
urlpatterns = [
    path("", v.document_list, name="document-list"),
    path("new/", v.document_create, name="document-create"),
    path("<int:pk>/", v.document_edit, name="document-edit"),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "documents.document"},
        name="document-action",
    ),
    path(
        "<int:pk>/interpretations/new/",
        v.interpretation_create,
        name="interpretation-create",
    ),
    path(
        "interpretations/<int:pk>/", v.interpretation_edit, name="interpretation-edit"
    ),
    path(
        "interpretations/<int:pk>/media/",
        v.interpretation_media_add,
        name="interpretation-media-add",
    ),
    path(
        "interpretations/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "documents.interpretation"},
        name="interpretation-action",
    ),
    path("late-interpretations/", v.late_list, name="late-list"),
    path("evaluations/", v.evaluation_list, name="evaluation-list"),
]
