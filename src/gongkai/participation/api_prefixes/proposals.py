from django.urls import path

from .. import api

app_name = "proposals-api"
urlpatterns = [
    path("", api.ProposalListView.as_view(), name="list"),
    path("<int:pk>/", api.ProposalDetailView.as_view(), name="detail"),
]
