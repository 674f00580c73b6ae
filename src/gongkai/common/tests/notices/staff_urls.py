from django.urls import path

from gongkai.publishing.views import content_action

from . import views

app_name = "notices-staff"
urlpatterns = [
    path("<int:pk>/", views.notice_edit, name="edit"),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "notices.notice"},
        name="action",
    ),
]
