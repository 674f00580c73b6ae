"""Public pages of oversight (mounted at the site root, prefix oversight/)."""

from django.urls import path

from . import views_public

app_name = "oversight"
urlpatterns = [
    path("oversight/", views_public.organisation, name="organisation"),
    path("oversight/reading-rooms/", views_public.reading_rooms, name="reading-rooms"),
]
