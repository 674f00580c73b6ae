"""URLs of documents (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "documents-api"
urlpatterns: list[URLPattern] = []
