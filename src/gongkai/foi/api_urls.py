"""API of information requests (mounted at /api/v1/foi/)."""

from django.urls import path

from . import api

app_name = "foi-api"
urlpatterns = [
    path("requests/", api.RequestListView.as_view(), name="request-list"),
    path("fee-quote/", api.FeeQuoteView.as_view(), name="fee-quote"),
    path("status/", api.CaseStatusView.as_view(), name="status"),
    path("report/<int:year>/", api.AnnualReportView.as_view(), name="report"),
]
