from django.urls import path

from gongkai.publishing.pagecache import public_page

from .. import api

app_name = "proposals-api"
urlpatterns = [
    path("", public_page(api.ProposalListView.as_view()), name="list"),
    path("<int:pk>/", api.ProposalDetailView.as_view(), name="detail"),
]
