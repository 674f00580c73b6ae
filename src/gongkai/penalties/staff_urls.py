"""Workbench pages of penalties (mounted at /workbench/penalties/)."""

from django.urls import path

from gongkai.publishing.import_pages import import_urls
from gongkai.publishing.views import content_action

from .licences import urls as licence_urls
from .views import records
from .views.staff import IMPORT_PAGES, PAGES

app_name = "penalties-staff"
RECORDS = {"pages": PAGES}
urlpatterns = [
    path("", records.record_list, RECORDS, name="penalty-list"),
    path("new/", records.record_create, RECORDS, name="penalty-create"),
    *import_urls(IMPORT_PAGES),
    path("<int:pk>/", records.record_edit, RECORDS, name="penalty-edit"),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "penalties.penalty"},
        name="penalty-action",
    ),
]
# 行政许可 双公示 (the licences sub-area).
urlpatterns += licence_urls.staff_patterns
