"""URLs of foi (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "foi-api"
urlpatterns: list[URLPattern] = []
