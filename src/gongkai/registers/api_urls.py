"""URLs of registers (api_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "registers-api"
urlpatterns: list[URLPattern] = []
