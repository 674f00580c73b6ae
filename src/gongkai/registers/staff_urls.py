"""Workbench pages of registers (mounted at /workbench/registers/)."""

from django.urls import path

from gongkai.publishing.import_pages import import_urls
from gongkai.publishing.views import content_action

from .views import staff

app_name = "registers-staff"
urlpatterns = [
    path("", staff.register_index, name="index"),
    path("define/", staff.register_define, name="define"),
    path("entries/<int:pk>/", staff.entry_goto, name="entry-goto"),
    *import_urls(staff.IMPORT_PAGES, "<slug:slug>/import/", runs="imports/"),
    path("<slug:slug>/", staff.entry_list, name="entry-list"),
    path("<slug:slug>/define/", staff.register_define, name="redefine"),
    path("<slug:slug>/new/", staff.entry_create, name="entry-create"),
    path("<slug:slug>/<int:pk>/", staff.entry_edit, name="entry-edit"),
    path(
        "<slug:slug>/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "registers.entry"},
        name="entry-action",
    ),
]
