"""URLs of registers (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "registers-staff"
urlpatterns: list[URLPattern] = []
