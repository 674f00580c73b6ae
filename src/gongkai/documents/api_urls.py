from django.urls import path

from . import api

app_name = "documents-api"
urlpatterns = [
    path("", api.DocumentListView.as_view(), name="document-list"),
    path("staff/", api.DocumentCreateView.as_view(), name="document-create"),
    path("<path:key>/", api.DocumentDetailView.as_view(), name="document-detail"),
]
