"""The work plans at /api/v1/plans/ (issue 16), declared as ``more_api_urls`` in
``module.py`` (the module's own API is under /api/v1/oversight/)."""

from django.urls import path

from . import api

app_name = "plans-api"
urlpatterns = [
    path("", api.PlanListView.as_view(), name="list"),
    path("<int:year>/", api.PlanDetailView.as_view(), name="detail"),
]
