"""Permission predicates of the inspections app.

Registries and tasks: department staff, the openness office and administrators.
Commits, beacons, draws, substitutions and publication: the office and administrators
(the office runs draws, DESIGN.md). Results: the assigned team's inspectors (through
their linked accounts), staff of the task's department, the office. Auditors read.
"""

from __future__ import annotations

from typing import Any

from gongkai.accounts.choices import Role
from gongkai.accounts.permissions import has_role


def can_manage_registry(user: Any) -> bool:
    return has_role(user, Role.STAFF, Role.REVIEWER, Role.ADMIN)


def can_manage_task(user: Any, task: Any = None) -> bool:
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    return has_role(user, Role.STAFF) and (
        task is None
        or (user.department_id is not None and task.department_id == user.department_id)
    )


def can_run_draw(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_view_secrets(user: Any) -> bool:
    """The auditor's full bundle (snapshot, secret): office, admins and auditors."""
    return has_role(user, Role.REVIEWER, Role.ADMIN, Role.AUDITOR)


def can_enter_result(user: Any, inspection: Any, team_members: tuple[str, ...]) -> bool:
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    if not has_role(user, Role.STAFF):
        return False
    inspector = getattr(user, "inspector", None) if user.is_authenticated else None
    if inspector is not None and inspector.code in team_members:
        return True
    task = inspection.draw.task
    return user.department_id is not None and task.department_id == user.department_id
