"""The work plans at /api/v1/plans/ (issue 16), the same views as under
/api/v1/oversight/plans/; declared as ``more_api_urls`` in ``module.py``."""

from django.urls import path

from . import api

app_name = "plans-api"
urlpatterns = [
    path("", api.PlanListView.as_view(), name="list"),
    path("<int:year>/", api.PlanDetailView.as_view(), name="detail"),
]
