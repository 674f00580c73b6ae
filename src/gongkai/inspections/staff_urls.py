"""Workbench URLs of inspections (mounted at /workbench/inspections/)."""

from django.urls import path

from gongkai.publishing.views import content_action

from .views import staff, staff_jobs, staff_tasks

app_name = "inspections-staff"
urlpatterns = [
    path("", staff.home, name="home"),
    # Fixed-kind names for the shared review queue (publishing.registry).
    path(
        "content/item/<int:pk>/", staff.content_edit, {"kind": "item"}, name="item-edit"
    ),
    path(
        "content/plan/<int:pk>/", staff.content_edit, {"kind": "plan"}, name="plan-edit"
    ),
    path("content/<slug:kind>/", staff.content_list, name="content-list"),
    path("content/<slug:kind>/new/", staff.content_edit, name="content-create"),
    path("content/<slug:kind>/<int:pk>/", staff.content_edit, name="content-edit"),
    # Both content kinds' actions run through the shared lifecycle endpoint.
    *[
        path(
            f"content/{kind}/<int:pk>/<slug:action>/",
            content_action,
            {"content_kind": f"inspections.{model}"},
            name=f"{kind}-action",
        )
        for kind, model in (("item", "inspectionitem"), ("plan", "inspectionplan"))
    ],
    path(
        "registry/conflicts/declare/", staff.conflict_declare, name="conflict-declare"
    ),
    path("registry/import/", staff.registry_import, name="import"),
    path("registry/import/<int:pk>/", staff.import_detail, name="import-detail"),
    path("registry/<slug:kind>/", staff.registry_list, name="registry"),
    path("registry/<slug:kind>/new/", staff.record_edit, name="record-create"),
    path("registry/<slug:kind>/<str:key>/", staff.record_edit, name="record-edit"),
    path("tasks/new/", staff_tasks.task_create, name="task-create"),
    path("tasks/<str:code>/", staff_tasks.task_detail, name="task-detail"),
    path(
        "tasks/<str:code>/do/<slug:action>/",
        staff_tasks.task_action,
        name="task-action",
    ),
    path("tasks/<str:code>/jobs/<int:pk>/", staff_jobs.job_status, name="job"),
    path(
        "tasks/<str:code>/draws/<int:number>/auditor.json",
        staff_tasks.auditor_bundle,
        name="auditor-bundle",
    ),
    path(
        "tasks/<str:code>/draws/<int:number>/proof.json",
        staff_tasks.enterprise_proof,
        name="proof",
    ),
]
