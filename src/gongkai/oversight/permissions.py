"""Who may do what in oversight: the openness office (reviewers) and administrators
run the checks, see every department and keep the records; auditors read; department
staff see and report on their own department's tasks."""

from __future__ import annotations

from typing import Any

from gongkai.accounts.choices import Role
from gongkai.accounts.permissions import has_role


def is_office(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_view_oversight(user: Any) -> bool:
    """The site check, the assessment of every department, the records."""
    return has_role(user, Role.REVIEWER, Role.ADMIN, Role.AUDITOR)


def can_manage(user: Any) -> bool:
    """Run the check, import plans, keep accounts, reading rooms, training, group."""
    return is_office(user)


def can_report_progress(user: Any, unit: Any) -> bool:
    """The office for any unit; staff for a unit of their own department."""
    if is_office(user):
        return True
    return bool(
        has_role(user, Role.STAFF)
        and user.department_id is not None
        and unit.department_id == user.department_id
    )
