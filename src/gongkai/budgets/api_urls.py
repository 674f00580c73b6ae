"""API of budgets (mounted at /api/v1/budgets/)."""

from django.urls import path

from . import api

app_name = "budgets-api"
urlpatterns = [
    path("", api.SetListView.as_view(), name="set-list"),
    path("import/", api.ImportView.as_view(), name="import"),
    path("<int:pk>/", api.SetDetailView.as_view(), name="set-detail"),
]
