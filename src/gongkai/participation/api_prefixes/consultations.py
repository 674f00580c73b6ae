from django.urls import path

from gongkai.publishing.pagecache import public_page

from .. import consultation_api as capi

app_name = "consultations-api"
urlpatterns = [
    path("", public_page(capi.ConsultationListView.as_view()), name="list"),
    path("<int:pk>/", capi.ConsultationDetailView.as_view(), name="detail"),
    path("<int:pk>/comments/", capi.CommentCreateView.as_view(), name="comments"),
]
