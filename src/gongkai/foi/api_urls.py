"""API of information requests (mounted at /api/v1/foi/)."""

from django.urls import path

from gongkai.common import converters  # noqa: F401 (registers <year:…>)

from . import api, api_steps

app_name = "foi-api"
urlpatterns = [
    path("requests/", api.RequestListView.as_view(), name="request-list"),
    path("fee-quote/", api.FeeQuoteView.as_view(), name="fee-quote"),
    path("status/", api.CaseStatusView.as_view(), name="status"),
    path("report/<year:year>/", api.AnnualReportView.as_view(), name="report"),
    path(
        "requests/register/",
        api_steps.RequestRegisterView.as_view(),
        name="request-register",
    ),
    path(
        "requests/<int:pk>/consultations/<int:cid>/answer/",
        api_steps.CONSULTATION_ANSWER.as_view(),
        name="request-consultation-answer",
    ),
    path(
        "requests/<int:pk>/consultations/<int:cid>/disclose/",
        api_steps.DISCLOSE_OVER_OBJECTION.as_view(),
        name="request-consultation-disclose",
    ),
    path(
        "requests/<int:pk>/consultations/<int:cid>/notify/",
        api_steps.THIRD_PARTY_NOTICE.as_view(),
        name="request-consultation-notify",
    ),
    *(
        path(
            f"requests/<int:pk>/{segment}/",
            view.as_view(),
            name=f"request-{segment.replace('/', '-')}",
        )
        for segment, view in api_steps.STEPS.items()
    ),
]
