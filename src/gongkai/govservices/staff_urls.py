"""Workbench pages of government services (mounted at /workbench/services/)."""

from django.urls import path

from gongkai.publishing.import_pages import import_urls
from gongkai.publishing.views import content_action

from .views import staff

app_name = "govservices-staff"
urlpatterns = [
    path("", staff.service_list, name="service-list"),
    path("new/", staff.service_create, name="service-create"),
    path("<int:pk>/", staff.service_edit, name="service-edit"),
    path("<int:pk>/materials/", staff.material_add, name="material-add"),
    path(
        "<int:pk>/materials/<int:material_pk>/delete/",
        staff.material_delete,
        name="material-delete",
    ),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "govservices.serviceitem"},
        name="service-action",
    ),
    path("powers/", staff.power_list, name="power-list"),
    path("powers/new/", staff.power_create, name="power-create"),
    path("powers/<int:pk>/", staff.power_edit, name="power-edit"),
    path("intermediaries/", staff.intermediary_list, name="intermediary-list"),
    path("intermediaries/new/", staff.intermediary_create, name="intermediary-create"),
    path("intermediaries/<int:pk>/", staff.intermediary_edit, name="intermediary-edit"),
    path(
        "intermediaries/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "govservices.intermediaryservice"},
        name="intermediary-action",
    ),
    *import_urls(staff.IMPORT_PAGES),
    path(
        "import/template/<slug:kind>.xlsx",
        staff.import_template,
        name="import-template",
    ),
    path("export/<slug:kind>.xlsx", staff.export, name="export"),
]
