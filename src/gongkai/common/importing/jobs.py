"""Background imports: a large file is not imported inside the web request.

The upload is checked (readable, columns), then kept on its run, which waits in
state ``queued``, and a background task (django-tasks, ``import_job``; run by
``gongkai db_worker`` in production) is enqueued once the request commits. The task
claims the run with a conditional UPDATE (two workers never take the same run) and
imports it batch by batch through the app's ``process`` function, refreshing
``heartbeat_at`` after each batch. ``gongkai imports work`` does the same for every
queued run, and also takes back a run whose worker died (heartbeat older than
``STALE_AFTER``): it resumes at its first uncommitted row. The stored file is
dropped when the run is done.

Modules declare their kind of run (``ImportKind`` in ``module.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from gongkai.common.errors import GongkaiError
from gongkai.common.modules import ImportKind, modules

from .models import ImportRunBase, ImportState

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)


def _kinds() -> dict[str, ImportKind]:
    """Every declared kind of import run, by model label."""
    return {
        kind.run_model._meta.label_lower: kind
        for module in modules()
        for kind in module.imports
    }


def _idle(now: dt.datetime) -> Q:
    # Running, but nobody has committed a batch for a while (or ever).
    return Q(state=ImportState.RUNNING) & (
        Q(heartbeat_at__lt=now - STALE_AFTER) | Q(heartbeat_at__isnull=True)
    )


def _claimable(now: dt.datetime) -> Q:
    return Q(state=ImportState.QUEUED) | (_idle(now) & Q(upload__isnull=False))


def import_enqueue(run: Any, data: bytes) -> Any:
    """Queue ``run`` with its file, unless it is queued already or being imported."""
    now = timezone.now()
    model = type(run)
    model.objects.filter(pk=run.pk).filter(
        Q(state=ImportState.QUEUED, upload__isnull=True)
        | Q(state=ImportState.FAILED)
        | _idle(now)
    ).update(state=ImportState.QUEUED, upload=data)
    label, pk = model._meta.label_lower, run.pk
    transaction.on_commit(lambda: import_job.enqueue(label, pk))
    return model.objects.defer("upload").get(pk=run.pk)


def import_claim(
    model: type[ImportRunBase], *, now: dt.datetime, pk: int | None = None
) -> Any:
    """Take the oldest queued (or abandoned) run of ``model`` (or run ``pk``); None
    if there is none."""
    waiting = model.objects.filter(_claimable(now))
    if pk is not None:
        waiting = waiting.filter(pk=pk)
    candidates = list(
        waiting.order_by("started_at", "id").values_list("pk", flat=True)[:5]
    )
    for pk in candidates:
        taken = (
            model.objects.filter(_claimable(now), pk=pk)
            .update(state=ImportState.RUNNING, heartbeat_at=now)
        )  # fmt: skip
        if taken:
            return model.objects.defer("upload").get(pk=pk)
    return None


@task()
def import_job(label: str, run_id: int) -> str:
    """Import one queued run (the background task); returns its final state."""
    kind = _kinds()[label]
    run = import_claim(kind.run_model, now=timezone.now(), pk=run_id)
    if run is None:
        return "taken"  # done meanwhile, or another worker has it
    return str(_process(kind, run).state)


def imports_work_once(*, now: dt.datetime | None = None) -> list[Any]:
    """Claim and process at most one run of each registered kind; the runs done."""
    done = []
    for kind in _kinds().values():
        run = import_claim(kind.run_model, now=now or timezone.now())
        if run is not None:
            done.append(_process(kind, run))
    return done


def _process(kind: ImportKind, run: Any) -> Any:
    data = kind.run_model.objects.filter(pk=run.pk).values_list("upload", flat=True)
    try:
        return kind.process(run=run, data=bytes(data.get()))
    except GongkaiError as exc:
        _failed(run, str(exc.message))
    except Exception:
        log.exception("import run %s failed", run.pk)
        _failed(run, _("导入中断：系统出错，请联系管理员后重新导入。"))
    run.refresh_from_db()
    return run


def _failed(run: Any, message: str) -> None:
    type(run).objects.filter(pk=run.pk).update(
        state=ImportState.FAILED, message=message[:500], upload=None
    )


def import_status(run: Any) -> dict[str, Any]:
    """A run's progress as the status page's script reads it (JSON)."""
    return {
        "state": run.state,
        "state_label": str(run.get_state_display()),
        "active": run.is_active,
        "rows_total": run.rows_total,
        "rows_seen": run.rows_seen,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "failed": run.failed,
        "percent": run.percent,
    }


def inline_rows_limit() -> int:
    """Files with more rows than this are imported by the worker, not the request
    (setting GONGKAI_IMPORT_INLINE_ROWS, default 2,000)."""
    from django.conf import settings

    return int(settings.GONGKAI_IMPORT_INLINE_ROWS)
