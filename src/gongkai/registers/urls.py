"""URLs of registers (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "registers"
urlpatterns: list[URLPattern] = []
