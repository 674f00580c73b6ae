"""Workbench pages of penalties (mounted at /workbench/penalties/)."""

from django.urls import path

from gongkai.publishing.views import content_action

from .licences import urls as licence_urls
from .views import staff

app_name = "penalties-staff"
urlpatterns = [
    path("", staff.penalty_list, name="penalty-list"),
    path("new/", staff.penalty_create, name="penalty-create"),
    path("import/", staff.import_page, name="import"),
    path("import/<int:pk>/", staff.import_detail, name="import-detail"),
    path("import/<int:pk>/errors/", staff.import_errors, name="import-errors"),
    path("import/<int:pk>/status/", staff.import_status_json, name="import-status"),
    path("<int:pk>/", staff.penalty_edit, name="penalty-edit"),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "penalties.penalty"},
        name="penalty-action",
    ),
]
# 行政许可 双公示 (the licences sub-area).
urlpatterns += licence_urls.staff_patterns
