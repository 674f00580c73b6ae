from django.urls import path

from gongkai.publishing.pagecache import public_page

from .. import consultation_api as capi

app_name = "meetings-api"
urlpatterns = [
    path("", public_page(capi.MeetingListView.as_view()), name="list"),
    path("<int:pk>/", capi.MeetingDetailView.as_view(), name="detail"),
]
