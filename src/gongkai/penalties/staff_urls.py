"""Workbench pages of penalties (mounted at /workbench/penalties/)."""

from django.urls import path

from gongkai.publishing import import_pages as imports
from gongkai.publishing.views import content_action

from .licences import urls as licence_urls
from .views import records
from .views.staff import IMPORT_PAGES, PAGES

app_name = "penalties-staff"
RECORDS = {"pages": PAGES}
IMPORTS = {"pages": IMPORT_PAGES}
urlpatterns = [
    path("", records.record_list, RECORDS, name="penalty-list"),
    path("new/", records.record_create, RECORDS, name="penalty-create"),
    path("import/", imports.import_page, IMPORTS, name="import"),
    path("import/<int:pk>/", imports.import_detail, IMPORTS, name="import-detail"),
    path(
        "import/<int:pk>/errors/", imports.import_errors, IMPORTS, name="import-errors"
    ),
    path(
        "import/<int:pk>/status/",
        imports.import_status_json,
        IMPORTS,
        name="import-status",
    ),
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
