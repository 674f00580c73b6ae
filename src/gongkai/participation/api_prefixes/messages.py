from django.urls import path

from gongkai.publishing.pagecache import public_page

from .. import api

app_name = "messages-api"
urlpatterns = [
    path("", public_page(api.MessageListView.as_view()), name="list"),
    path("stats/", api.MessageStatsView.as_view(), name="stats"),
    path("<str:number>/", api.MessageDetailView.as_view(), name="detail"),
]
