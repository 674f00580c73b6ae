"""URLs of search (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "search"
urlpatterns: list[URLPattern] = []
