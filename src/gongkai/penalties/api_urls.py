"""API of penalties (mounted at /api/v1/penalties/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import api
from .licences import urls as licence_urls

app_name = "penalties-api"
urlpatterns = [
    path("", public_page(api.PenaltyListView.as_view()), name="penalty-list"),
    path("exchange/", api.ExchangeExportView.as_view(), name="exchange"),
    path("<int:pk>/", api.PenaltyDetailView.as_view(), name="penalty-detail"),
]
# 行政许可 双公示 (the licences sub-area).
urlpatterns += licence_urls.api_patterns
