from django.urls import path

from . import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("clocks/<int:pk>/", views.clock_detail, name="clock-detail"),
    path("review/", views.review_list, name="review-list"),
    path("pages/", views.page_list, name="page-list"),
    path("pages/new/", views.page_create, name="page-create"),
    path("pages/<int:pk>/", views.page_edit, name="page-edit"),
    path("pages/<int:pk>/<slug:action>/", views.page_action, name="page-action"),
    path("audit/", views.audit_list, name="audit-list"),
]
