from django.urls import path

from gongkai.publishing.pagecache import public_page

from .. import api

app_name = "incidents-api"
urlpatterns = [
    path("", public_page(api.IncidentListView.as_view()), name="list"),
    path("<int:pk>/", api.IncidentDetailView.as_view(), name="detail"),
]
