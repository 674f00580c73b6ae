"""Public URLs of inspections (双随机、一公开)."""

from django.urls import path

from .views import contributor, downloads, public

app_name = "inspections"
urlpatterns = [
    path("inspections/", public.index, name="index"),
    path("inspections/items/", public.item_list, name="item-list"),
    path("inspections/plans/", public.plan_list, name="plan-list"),
    path("inspections/plans/<int:pk>/", public.plan_detail, name="plan-detail"),
    path("inspections/tasks/", public.task_list, name="task-list"),
    path("inspections/tasks/<str:code>/", public.task_detail, name="task-detail"),
    path(
        "inspections/tasks/<str:code>/draws/<int:number>/bundle.json",
        public.bundle,
        name="bundle",
    ),
    path("inspections/results/", public.results, name="result-list"),
    path(
        "inspections/items/download.<str:fmt>",
        downloads.items_download,
        name="item-download",
    ),
    path(
        "inspections/plans/download.<str:fmt>",
        downloads.plans_download,
        name="plan-download",
    ),
    path(
        "inspections/tasks/download.<str:fmt>",
        downloads.tasks_download,
        name="task-download",
    ),
    path(
        "inspections/results/download.<str:fmt>",
        downloads.results_download,
        name="result-download",
    ),
    path("inspections/check/", public.check, name="check"),
    path("inspections/how-to-verify/", public.how, name="how"),
    path(
        "inspections/contribute/<str:token>/",
        contributor.contribute,
        name="contribute",
    ),
]
