"""DRF exception handler: every API error is ``{code, message, detail}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from .errors import GongkaiError

_MESSAGES = {
    "not_authenticated": _("需要登录。"),
    "authentication_failed": _("身份验证失败。"),
    "permission_denied": _("您没有进行此操作的权限。"),
    "not_found": _("没有找到要访问的内容。"),
    "throttled": _("请求过于频繁，请稍后再试。"),
    "method_not_allowed": _("不支持该请求方法。"),
    "parse_error": _("请求格式错误。"),
    "invalid": _("提交的内容不符合要求。"),
    "unsupported_media_type": _("不支持的内容类型。"),
    "not_acceptable": _("无法提供所请求的格式。"),
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, GongkaiError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    code = exc.default_code
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
    body = {
        "code": code,
        "message": str(_MESSAGES.get(code, exc.default_detail)),
        "detail": exc.detail,
    }
    response = Response(body, status=exc.status_code)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(int(exc.wait))
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response
