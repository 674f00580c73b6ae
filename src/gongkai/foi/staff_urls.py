"""Workbench pages of information requests (mounted at /workbench/foi/)."""

from django.urls import path

from gongkai.common import converters  # noqa: F401 (registers <year:…>)

from .views import reply_files, report, staff

app_name = "foi-staff"
urlpatterns = [
    path("", staff.request_list, name="list"),
    path("register/", staff.request_register, name="register"),
    path("often/", staff.often, name="often"),
    path("report/", report.report_list, name="report"),
    path("report/<year:year>/", report.report_year, name="report-year"),
    path("report/<year:year>/<str:fmt>/", report.report_download, name="report-file"),
    path("<int:pk>/", staff.request_detail, name="detail"),
    path("<int:pk>/letters/<str:number>/", staff.letter_download, name="letter"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        staff.attachment_download,
        name="attachment",
    ),
    path(
        "<int:pk>/letters/<str:number>/pdf/",
        staff.letter_download,
        {"fmt": "pdf"},
        name="letter-pdf",
    ),
    path("<int:pk>/files/", reply_files.upload, name="reply-file-upload"),
    path(
        "<int:pk>/files/<int:fid>/",
        reply_files.staff_download,
        name="reply-file",
    ),
    path(
        "<int:pk>/files/<int:fid>/redacted/",
        reply_files.staff_download,
        {"version": "redacted"},
        name="reply-file-redacted",
    ),
    path(
        "<int:pk>/files/<int:fid>/<slug:action>/",
        reply_files.act,
        name="reply-file-action",
    ),
    path("<int:pk>/<slug:step>/", staff.request_step, name="step"),
]
