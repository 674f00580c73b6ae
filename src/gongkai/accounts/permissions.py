"""Permission predicates ``can_<verb>_<entity>(user, obj) -> bool``.

Staff change only their own department's content; reviewers (the openness office)
review and publish everyone's; administrators configure; auditors read everything
and change nothing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gongkai.common.errors import PermissionDeniedError

from .choices import Role


def is_active_staff(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and hasattr(user, "role")
    )


def has_role(user: Any, *roles: str) -> bool:
    return is_active_staff(user) and user.role in roles


def can_use_workbench(user: Any) -> bool:
    return is_active_staff(user)


def can_edit_content(user: Any, obj: Any) -> bool:
    """Authors edit their department's content; the office and admins edit any."""
    if has_role(user, Role.ADMIN, Role.REVIEWER):
        return True
    if not has_role(user, Role.STAFF):
        return False
    return obj is None or (
        user.department_id is not None and obj.department_id == user.department_id
    )


def can_review_content(user: Any, obj: Any = None) -> bool:
    """Only reviewers and admins approve; never their own draft (checked by the service)."""
    return has_role(user, Role.REVIEWER, Role.ADMIN)


def can_view_audit(user: Any) -> bool:
    return has_role(user, Role.AUDITOR, Role.ADMIN, Role.REVIEWER)


def can_configure(user: Any) -> bool:
    return has_role(user, Role.ADMIN)


def check_can_import(*, by: Any, obj: Any, publish: bool) -> None:
    """Staff who may edit ``obj`` import; only reviewers may publish on import."""
    if not can_edit_content(by, obj):
        raise PermissionDeniedError()
    if publish and not can_review_content(by):
        raise PermissionDeniedError(
            _("只有公开办审核人员和管理员可以导入后直接发布。"),
            code="import.publish_denied",
        )
