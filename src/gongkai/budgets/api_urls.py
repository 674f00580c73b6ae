"""API of budgets (mounted at /api/v1/budgets/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import api

app_name = "budgets-api"
urlpatterns = [
    path("", public_page(api.SetListView.as_view()), name="set-list"),
    path("import/", api.ImportView.as_view(), name="import"),
    path("<int:pk>/", api.SetDetailView.as_view(), name="set-detail"),
]
