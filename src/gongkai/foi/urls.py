"""Public pages of information requests (mounted at the site root, prefix foi/)."""

from django.urls import path

from .views import public

app_name = "foi"
urlpatterns = [
    path("foi/", public.guide, name="guide"),
    path("foi/apply/", public.apply, name="apply"),
    path("foi/apply/done/", public.done, name="done"),
    path("foi/track/", public.track, name="track"),
    path("foi/track/case/", public.case, name="case"),
    path(
        "foi/track/case/letters/<str:number>/", public.case_letter, name="case-letter"
    ),
    path(
        "foi/track/case/letters/<str:number>/pdf/",
        public.case_letter,
        {"fmt": "pdf"},
        name="case-letter-pdf",
    ),
]
