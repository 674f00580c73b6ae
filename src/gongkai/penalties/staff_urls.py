"""URLs of penalties (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "penalties-staff"
urlpatterns: list[URLPattern] = []
