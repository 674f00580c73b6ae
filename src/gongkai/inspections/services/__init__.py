"""Writes of the inspections app: registries, tasks, the draw workflow, results."""

from .contributors import (
    contribution_commit_by_token,
    contribution_reveal_by_token,
    contributor_link_issue,
)
from .draw_complete import (
    contribution_reveal,
    draw_abandon,
    draw_beacon_enter,
    draw_beacon_fetch,
    draw_publish,
    draw_run,
)
from .draws import contribution_add, draw_commit, draw_freeze
from .jobs import draw_job_enqueue, draw_job_execute
from .registry import (
    conflict_add,
    inspector_save,
    item_create,
    item_update,
    registry_import,
    registry_import_steps,
    target_save,
)
from .results import inspection_result_enter, inspection_substitute, results_publish
from .tasks import plan_create, plan_update, task_create

__all__ = [
    "conflict_add",
    "contribution_add",
    "contribution_commit_by_token",
    "contribution_reveal",
    "contribution_reveal_by_token",
    "contributor_link_issue",
    "draw_abandon",
    "draw_beacon_enter",
    "draw_beacon_fetch",
    "draw_commit",
    "draw_freeze",
    "draw_job_enqueue",
    "draw_job_execute",
    "draw_publish",
    "draw_run",
    "inspection_result_enter",
    "inspection_substitute",
    "inspector_save",
    "item_create",
    "item_update",
    "plan_create",
    "plan_update",
    "registry_import",
    "registry_import_steps",
    "results_publish",
    "target_save",
    "task_create",
]
