"""API URLs of inspections (mounted at /api/v1/inspections/)."""

from django.urls import path

from . import api

app_name = "inspections-api"
urlpatterns = [
    path("items/", api.ItemListView.as_view(), name="item-list"),
    path("plans/", api.PlanListView.as_view(), name="plan-list"),
    path("tasks/", api.TaskListView.as_view(), name="task-list"),
    path("tasks/<str:code>/", api.TaskDetailView.as_view(), name="task-detail"),
    path(
        "tasks/<str:code>/draws/<int:number>/selected/",
        api.SelectedListView.as_view(),
        name="selected-list",
    ),
    path("results/", api.ResultListView.as_view(), name="result-list"),
    path("check/", api.CheckView.as_view(), name="check"),
    path("targets/", api.TargetListView.as_view(), name="target-list"),
    path("inspectors/", api.InspectorListView.as_view(), name="inspector-list"),
]
