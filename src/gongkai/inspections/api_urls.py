"""URLs of inspections (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "inspections-api"
urlpatterns: list[URLPattern] = []
