from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from gongkai.common.modules import modules

from . import docs, views

app_name = "api"
v1 = [
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    path("clocks/inbox/", views.ClockInboxView.as_view(), name="clock-inbox"),
    path("clocks/<int:pk>/", views.ClockDetailView.as_view(), name="clock-detail"),
    path("audit-events/", views.AuditEventListView.as_view(), name="audit-list"),
    path(
        "calendar/working-days/", views.WorkingDaysView.as_view(), name="working-days"
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    *[
        path(f"v1/{m.url_prefix}/", include(m.api_urls))
        for m in modules()
        if m.api_urls
    ],
    *[
        path(f"v1/{prefix}/", include(urls))
        for m in modules()
        for prefix, urls in m.more_api_urls.items()
    ],
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Our reference page; the interactive console beside it (the split view serves
    # its init script as a file, so the strict CSP holds).
    path("docs/", docs.docs, name="docs"),
    path(
        "docs/console/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="console",
    ),
]
