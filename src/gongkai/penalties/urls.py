"""URLs of penalties (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "penalties"
urlpatterns: list[URLPattern] = []
