"""URLs of search (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "search-staff"
urlpatterns: list[URLPattern] = []
