"""API of the lifecycle (mounted at /api/v1/publishing/)."""

from django.urls import path

from . import api

app_name = "publishing-api"
urlpatterns = [
    path("<str:kind>/<int:pk>/", api.ContentStateView.as_view(), name="state"),
    path(
        "<str:kind>/<int:pk>/<slug:action>/",
        api.ContentActionView.as_view(),
        name="action",
    ),
]
