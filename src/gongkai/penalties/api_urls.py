"""URLs of penalties (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "penalties-api"
urlpatterns: list[URLPattern] = []
