"""URLs of search (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "search-api"
urlpatterns: list[URLPattern] = []
