"""API of oversight (mounted at /api/v1/oversight/)."""

from django.urls import path

from . import api

app_name = "oversight-api"
urlpatterns = [
    path("checks/", api.CheckListView.as_view(), name="check-list"),
    path("checks/<int:pk>/", api.CheckDetailView.as_view(), name="check-detail"),
    path("assessment/", api.AssessmentView.as_view(), name="assessment"),
]
