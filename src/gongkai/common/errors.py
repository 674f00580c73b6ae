"""Business-rule errors with stable codes.

One tree for the whole platform; mapped once to pages (a readable Chinese message,
see ``middleware.GongkaiErrorMiddleware``) and to the API (``{code, message, detail}``,
see ``api_errors.exception_handler``). Shape errors belong to forms and serializers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class GongkaiError(Exception):
    """Base of every business-rule error. ``code`` is stable and documented in the API."""

    code: str = "error"
    status: int = 400
    default_message: Any = _("操作未能完成。")

    def __init__(
        self, message: Any = None, *, code: str | None = None, detail: Any = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        self.detail = detail
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "detail": self.detail}


class InvalidInputError(GongkaiError):
    code = "invalid"
    default_message = _("提交的内容不符合要求。")


class NotFoundError(GongkaiError):
    code = "not_found"
    status = 404
    default_message = _("没有找到要访问的内容。")


class PermissionDeniedError(GongkaiError):
    code = "permission_denied"
    status = 403
    default_message = _("您没有进行此操作的权限。")


class ConflictError(GongkaiError):
    code = "conflict"
    status = 409
    default_message = _("当前状态下不能进行此操作。")
