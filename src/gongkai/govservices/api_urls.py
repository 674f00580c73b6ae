"""API of the service catalogue (mounted at /api/v1/services/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from . import api

app_name = "govservices-api"
urlpatterns = [
    path("", public_page(api.ServiceListView.as_view()), name="service-list"),
    path("<int:pk>/", api.ServiceDetailView.as_view(), name="service-detail"),
]
