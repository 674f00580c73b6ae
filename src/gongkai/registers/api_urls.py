"""API of registers (mounted at /api/v1/registers/)."""

from django.urls import path

from . import api

app_name = "registers-api"
urlpatterns = [
    path("", api.RegisterListView.as_view(), name="register-list"),
    path("<slug:slug>/", api.EntryListView.as_view(), name="entry-list"),
    path("<slug:slug>/<int:pk>/", api.EntryDetailView.as_view(), name="entry-detail"),
]
