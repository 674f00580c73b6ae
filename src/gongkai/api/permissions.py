from typing import Any

from rest_framework.permissions import BasePermission

from gongkai.accounts.permissions import can_use_workbench, can_view_audit


class IsStaff(BasePermission):
    message = "需要工作人员身份。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_use_workbench(request.user)


class CanViewAudit(BasePermission):
    message = "只有审计人员、公开办和管理员可以查看审计记录。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_view_audit(request.user)
