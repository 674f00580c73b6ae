from typing import Any

from django.conf import settings
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from gongkai.accounts.decorators import otp_satisfied
from gongkai.accounts.permissions import (
    can_edit_content,
    can_use_workbench,
    can_view_audit,
)
from gongkai.accounts.services import is_enrolled


def _second_factor_ok(request: Any) -> bool:
    """A browser session counts only after the TOTP step, as on the workbench pages.

    A token (rest_framework.authtoken) is a credential of its own, issued by an
    administrator, and is not asked for a code; but an account that has not bound
    its authenticator can do nothing but enrol, with a token too.
    """
    if isinstance(request.successful_authenticator, SessionAuthentication):
        return otp_satisfied(request._request)
    if not getattr(settings, "GONGKAI_REQUIRE_OTP", True):
        return True
    return is_enrolled(request.user)


class IsStaff(BasePermission):
    message = "需要工作人员身份。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_use_workbench(request.user) and _second_factor_ok(request)


class CanViewAudit(BasePermission):
    message = "只有审计人员、公开办和管理员可以查看审计记录。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_view_audit(request.user) and _second_factor_ok(request)


class CanWriteContent(BasePermission):
    """Authors, the office and administrators write content; auditors read only.
    A permission class runs before the view reads the body: an unauthorised write
    is a 403 whatever it holds, never a 400 describing the body."""

    message = "您没有进行此操作的权限。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_edit_content(request.user, None)
