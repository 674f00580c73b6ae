"""URLs of foi (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "foi-staff"
urlpatterns: list[URLPattern] = []
