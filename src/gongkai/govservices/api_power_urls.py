"""API of the power list (mounted at /api/v1/powers/)."""

from django.urls import path

from . import api

app_name = "govservices-powers-api"
urlpatterns = [
    path("", api.PowerListView.as_view(), name="power-list"),
    path("diff/", api.PowerDiffView.as_view(), name="power-diff"),
]
