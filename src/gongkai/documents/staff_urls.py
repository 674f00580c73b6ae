"""URLs of documents (staff_urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "documents-staff"
urlpatterns: list[URLPattern] = []
