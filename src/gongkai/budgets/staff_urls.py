"""Workbench pages of budgets (mounted at /workbench/budgets/)."""

from django.urls import path

from gongkai.publishing.views import content_action

from .views import staff

app_name = "budgets-staff"
urlpatterns = [
    path("", staff.set_list, name="set-list"),
    path("template/", staff.template_download, name="template"),
    path("codes/", staff.code_list, name="code-list"),
    path("<int:pk>/", staff.set_edit, name="set-edit"),
    path("<int:pk>/approval/", staff.set_approval, name="set-approval"),
    path(
        "<int:pk>/<slug:action>/",
        content_action,
        {"content_kind": "budgets.budgetset"},
        name="set-action",
    ),
]
