"""The background task of the inspections app (django-tasks).

Thin: the worker (`gongkai db_worker`, README "Background tasks") calls the service,
which does the work and records the outcome on the ``DrawJob`` row the page shows.
"""

from __future__ import annotations

from django_tasks import task


@task()
def draw_job(job_id: int) -> str:
    """Run one queued freeze or draw; returns the job's final state."""
    from .services.jobs import draw_job_execute

    return str(draw_job_execute(job_id=job_id).state)
