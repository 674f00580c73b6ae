"""URLs of foi (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "foi"
urlpatterns: list[URLPattern] = []
