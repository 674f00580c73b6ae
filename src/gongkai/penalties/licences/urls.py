"""URLs of licensing decisions, included by the penalties module's URL modules."""

from django.urls import path

from gongkai.publishing.import_pages import import_urls
from gongkai.publishing.views import content_action

from ..views import records
from . import api, views
from .feeds import LicenceFeed

public_patterns = [
    path("licences/", views.licence_list, name="licence-list"),
    path("licences/<int:pk>/", views.licence_detail, name="licence-detail"),
    path("licences/feed/", LicenceFeed(), name="licence-feed"),
]
# The workbench pages shared with penalties (and the import pages every module
# shares), told about licences.
RECORDS = {"pages": views.PAGES}
staff_patterns = [
    path("licences/", records.record_list, RECORDS, name="licence-list"),
    path("licences/new/", records.record_create, RECORDS, name="licence-create"),
    *import_urls(views.IMPORT_PAGES, "licences/import/"),
    path("licences/<int:pk>/", records.record_edit, RECORDS, name="licence-edit"),
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
