"""Staff pages of search: the office's thesaurus and the search analytics."""

from django.urls import path

from . import views_staff

app_name = "search-staff"
urlpatterns = [
    path("", views_staff.thesaurus, name="thesaurus"),
    path("synonyms/<int:pk>/", views_staff.synonym_edit, name="synonym-edit"),
    path(
        "synonyms/<int:pk>/delete/", views_staff.synonym_delete, name="synonym-delete"
    ),
    path("analytics/", views_staff.analytics, name="analytics"),
]
