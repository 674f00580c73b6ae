"""Public pages of information requests (mounted at the site root, prefix foi/)."""

from django.urls import path

from gongkai.common import converters  # noqa: F401 (registers <year:…>)

from .views import public, reply_files, reports_public

app_name = "foi"
urlpatterns = [
    path("foi/", public.guide, name="guide"),
    path("foi/apply/", public.apply, name="apply"),
    path("foi/apply/done/", public.done, name="done"),
    path("foi/track/", public.track, name="track"),
    path("foi/reports/", reports_public.report_index, name="reports"),
    path("foi/statistics/", reports_public.statistics, name="statistics"),
    path("foi/reports/<year:year>/", reports_public.report_page, name="report"),
    path(
        "foi/reports/<year:year>/<str:fmt>/",
        reports_public.report_file,
        name="report-file",
    ),
    path("foi/track/case/", public.case, name="case"),
    path(
        "foi/track/case/files/<int:fid>/",
        reply_files.applicant_download,
        name="case-file",
    ),
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
