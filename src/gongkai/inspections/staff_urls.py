"""URLs of inspections (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "inspections-staff"
urlpatterns: list[URLPattern] = []
