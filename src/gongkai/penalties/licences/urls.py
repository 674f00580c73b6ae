"""URLs of licensing decisions, included by the penalties module's URL modules."""

from django.urls import path

from gongkai.publishing.views import content_action

from . import api, views
from .feeds import LicenceFeed

public_patterns = [
    path("licences/", views.licence_list, name="licence-list"),
    path("licences/<int:pk>/", views.licence_detail, name="licence-detail"),
    path("licences/feed/", LicenceFeed(), name="licence-feed"),
]
staff_patterns = [
    path("licences/", views.staff_list, name="licence-list"),
    path("licences/new/", views.staff_create, name="licence-create"),
    path("licences/import/", views.import_page, name="licence-import"),
    path(
        "licences/import/<int:pk>/", views.import_detail, name="licence-import-detail"
    ),
    path(
        "licences/import/<int:pk>/errors/",
        views.import_errors,
        name="licence-import-errors",
    ),
    path(
        "licences/import/<int:pk>/status/",
        views.import_status_json,
        name="licence-import-status",
    ),
    path("licences/<int:pk>/", views.staff_edit, name="licence-edit"),
    path(
        "licences/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "penalties.licencedecision"},
        name="licence-action",
    ),
]
api_patterns = [
    path("licences/", api.LicenceListView.as_view(), name="licence-list"),
    path(
        "licences/exchange/", api.LicenceExchangeView.as_view(), name="licence-exchange"
    ),
    path("licences/<int:pk>/", api.LicenceDetailView.as_view(), name="licence-detail"),
]
