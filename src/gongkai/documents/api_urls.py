from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import api

app_name = "documents-api"
urlpatterns = [
    path("", public_page(api.DocumentListView.as_view()), name="document-list"),
    path("staff/", api.DocumentCreateView.as_view(), name="document-create"),
    path("<path:key>/", api.DocumentDetailView.as_view(), name="document-detail"),
]
