from django.urls import path

from gongkai.publishing.views import content_action

from . import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("clocks/<int:pk>/", views.clock_detail, name="clock-detail"),
    path("review/", views.review_list, name="review-list"),
    path("review/<str:kind>/<int:pk>/", views.review_detail, name="review-detail"),
    path("review/<str:kind>/<int:pk>/mask/", views.review_mask, name="review-mask"),
    path(
        "review/<str:kind>/<int:pk>/act/<slug:action>/",
        views.review_action,
        name="review-action",
    ),
    path("pages/", views.page_list, name="page-list"),
    path("pages/new/", views.page_create, name="page-create"),
    path("pages/<int:pk>/", views.page_edit, name="page-edit"),
    path(
        "pages/<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "publishing.page"},
        name="page-action",
    ),
    path("audit/", views.audit_list, name="audit-list"),
]
