"""Workbench pages of oversight (mounted at /workbench/oversight/)."""

from django.urls import path

from gongkai.publishing.views import content_action

from . import views_posts as posts
from . import views_staff as v

app_name = "oversight-staff"
urlpatterns = [
    path("", v.home, name="home"),
    path("check/", v.check, name="check"),
    path("check/<int:pk>/", v.check_detail, name="check-detail"),
    path("assessment/", v.assessment, name="assessment"),
    path("assessment/<int:year>.<str:fmt>", v.assessment_file, name="assessment-file"),
    path("plans/", v.plan_list, name="plan-list"),
    path("plans/import/", v.plan_import, name="plan-import"),
    path("plans/<int:year>/", v.plan_detail, name="plan-detail"),
    path("plans/units/<int:pk>/progress/", v.progress, name="progress"),
    path("posts/", posts.post_list, name="post-list"),
    path("posts/new/", posts.post_edit, name="post-create"),
    path("posts/<int:pk>/", posts.post_edit, name="post-edit"),
    path("posts/<int:pk>/export/", posts.post_export, name="post-export"),
    path(
        "posts/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "oversight.mediapost"},
        name="post-action",
    ),
    path("bundle/", v.bundle, name="bundle"),
    path("records/<slug:kind>/", v.record_list, name="record-list"),
    path("records/<slug:kind>/new/", v.record_edit, name="record-create"),
    path("records/<slug:kind>/<int:pk>/", v.record_edit, name="record-edit"),
]
