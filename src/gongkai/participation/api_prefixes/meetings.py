from django.urls import path

from .. import consultation_api as capi

app_name = "meetings-api"
urlpatterns = [
    path("", capi.MeetingListView.as_view(), name="list"),
    path("<int:pk>/", capi.MeetingDetailView.as_view(), name="detail"),
]
