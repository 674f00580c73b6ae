"""Workbench pages of registers (mounted at /workbench/registers/)."""

from django.urls import path

from gongkai.publishing import import_pages as imports
from gongkai.publishing.views import content_action

from .views import staff

app_name = "registers-staff"
IMPORTS = {"pages": staff.IMPORT_PAGES}
urlpatterns = [
    path("", staff.register_index, name="index"),
    path("define/", staff.register_define, name="define"),
    path("entries/<int:pk>/", staff.entry_goto, name="entry-goto"),
    path("imports/<int:pk>/", imports.import_detail, IMPORTS, name="import-detail"),
    path(
        "imports/<int:pk>/errors/", imports.import_errors, IMPORTS, name="import-errors"
    ),
    path(
        "imports/<int:pk>/status/",
        imports.import_status_json,
        IMPORTS,
        name="import-status",
    ),
    path("<slug:slug>/", staff.entry_list, name="entry-list"),
    path("<slug:slug>/define/", staff.register_define, name="redefine"),
    path("<slug:slug>/new/", staff.entry_create, name="entry-create"),
    path("<slug:slug>/import/", imports.import_page, IMPORTS, name="import"),
    path("<slug:slug>/<int:pk>/", staff.entry_edit, name="entry-edit"),
    path(
        "<slug:slug>/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "registers.entry"},
        name="entry-action",
    ),
]
