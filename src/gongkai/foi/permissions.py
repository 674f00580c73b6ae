"""Who may see and handle information requests (never public).

Applicants' personal data is visible only to staff of the assigned department and
to the openness office (reviewers) and administrators; auditors see the audit trail,
not the applications.
"""

from __future__ import annotations

from typing import Any

from gongkai.accounts.choices import Role
from gongkai.accounts.permissions import has_role


def can_register_request(user: Any) -> bool:
    return has_role(user, Role.STAFF, Role.REVIEWER, Role.ADMIN)


def can_handle_request(user: Any, request: Any) -> bool:
    """The office and administrators handle any request; staff their department's."""
    if has_role(user, Role.REVIEWER, Role.ADMIN):
        return True
    return (
        has_role(user, Role.STAFF)
        and user.department_id is not None
        and request.department_id == user.department_id
    )


def can_view_applicant(user: Any, request: Any) -> bool:
    """Personal data of the applicant: assigned staff and the office only."""
    return can_handle_request(user, request)


def can_assign_request(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_register_request_into(user: Any, department: Any) -> bool:
    """Staff register requests into their own department only: registering starts
    that department's statutory clock, so filing into another is assigning it,
    which only the office (reviewers) and administrators do."""
    if can_assign_request(user):
        return True
    return can_register_request(user) and (
        department is None or department.pk == user.department_id
    )


def can_approve_extension(user: Any) -> bool:
    """条例 第三十三条第二款: 政府信息公开工作机构负责人 approves an extension."""
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_approve_reply(user: Any) -> bool:
    """The openness office approves a department's draft reply (four-eyes)."""
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_edit_report(user: Any) -> bool:
    return has_role(user, Role.REVIEWER, Role.ADMIN)
