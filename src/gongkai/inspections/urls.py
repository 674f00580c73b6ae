"""URLs of inspections (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "inspections"
urlpatterns: list[URLPattern] = []
