from django.urls import path

from .. import api

app_name = "incidents-api"
urlpatterns = [
    path("", api.IncidentListView.as_view(), name="list"),
    path("<int:pk>/", api.IncidentDetailView.as_view(), name="detail"),
]
