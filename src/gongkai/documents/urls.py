"""URLs of documents (urls): filled in by the module's issue."""

from django.urls import URLPattern

app_name = "documents"
urlpatterns: list[URLPattern] = []
