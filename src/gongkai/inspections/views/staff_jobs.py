"""Workbench page of a background job (freeze or draw): its state, then its result."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.accounts.decorators import staff_required

from ..models import DrawJob

# While a job waits or runs, the page reloads itself (no JavaScript needed).
REFRESH_SECONDS = 2


@staff_required
def job_status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    job = get_object_or_404(
        DrawJob.objects.select_related("task", "requested_by", "draw"),
        pk=pk,
        task__code=code,
    )
    context = {
        "job": job,
        "task": job.task,
        "refresh": None if job.is_finished else REFRESH_SECONDS,
    }
    return render(request, "inspections/staff_job.html", context)
