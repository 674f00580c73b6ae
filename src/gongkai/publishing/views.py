"""The one workbench endpoint for every lifecycle action on every content type.

Each module routes its ``…/<pk>/<action>/`` URL here with its content type
(``{"content_kind": "penalties.penalty"}``), so every type answers the same way: an item
the user may not see is 404, an unknown action 400 with its stable code, a
forbidden one 403, a refused one a message on the item's page, and success a
confirmation naming the item.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.common.errors import GongkaiError, PermissionDeniedError

from .actions import action_run
from .choices import WordLevel
from .registry import kind_of, staff_queryset

LAST_CHECK = "last_check"  # session key: the findings of the last blocked action
PII_LABELS = {
    "id_number": gettext_lazy("身份证号码"),
    "mobile": gettext_lazy("手机号码"),
    "bank_card": gettext_lazy("银行卡号"),
    "email": gettext_lazy("电子邮箱"),
}


def _back(kind: Any, pk: Any) -> str:
    try:
        return reverse(kind.edit_url_name, kwargs={"pk": pk})
    except NoReverseMatch:
        return reverse("workbench:home")


@require_POST
@staff_required
def content_action(
    request: HttpRequest, pk: int, action: str, content_kind: str, **route: Any
) -> HttpResponse:
    """Run ``action`` on item ``pk`` of ``content_kind`` and go back to it (other
    captured URL parts, such as a register's slug, are not needed)."""
    content = kind_of(content_kind)
    if content is None:
        raise Http404
    obj = get_object_or_404(staff_queryset(content, request.user), pk=pk)
    title = str(obj)
    try:
        done, _result = action_run(
            obj=obj,
            name=action,
            by=request.user,
            data=request.POST,
            files=request.FILES,
        )
    except PermissionDeniedError:
        raise
    except GongkaiError as exc:
        if exc.code == "publishing.unknown_action":
            context = {
                "status": 400,
                "title": _("请求无效"),
                "message": exc.message,
                "code": exc.code,
            }
            return render(request, "errors/error.html", context, status=400)
        if exc.code.startswith("publishing.") and exc.detail:
            request.session[LAST_CHECK] = {
                "kind": content_kind,
                "pk": obj.pk,
                "detail": exc.detail,
            }
        messages.error(request, str(exc.message))
        return redirect(_next(request) or _back(content, obj.pk))
    request.session.pop(LAST_CHECK, None)
    messages.success(request, f"{done.done}：《{title}》")
    if done.name == "delete":
        return redirect(reverse("workbench:home"))
    return redirect(_next(request) or _back(content, obj.pk))


def _next(request: HttpRequest) -> str:
    """The page the form asked to return to (the review page), if it is local."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def last_check(request: HttpRequest, obj: Any) -> list[dict[str, Any]]:
    """The findings of the last blocked action on ``obj``, one row per exact span
    (kept in the session until an action succeeds, so a reload still shows them)."""
    stored = request.session.get(LAST_CHECK)
    if (
        not isinstance(stored, dict)
        or stored.get("kind") != obj._meta.label_lower
        or stored.get("pk") != obj.pk
    ):
        return []
    detail = stored.get("detail") or {}
    rows: list[dict[str, Any]] = []
    for name, items in (detail.get("personal_data") or {}).items():
        for x in items:
            kind = PII_LABELS.get(x["kind"], x["kind"])
            rows.append(_finding(obj, name, kind, x, x["value"], blocking=True))
    for name, items in (detail.get("sensitive_words") or {}).items():
        for m in items:
            blocking = m["level"] == WordLevel.BLOCK
            rows.append(_finding(obj, name, _("敏感词"), m, m["word"], blocking))
    return rows


def _finding(
    obj: Any, name: str, kind: Any, span: dict[str, Any], value: str, blocking: bool
) -> dict[str, Any]:
    try:
        label = str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = name
    return {
        "field": label,
        "kind": kind,
        "start": span["start"],
        "end": span["end"],
        "value": value,
        "blocking": blocking,
    }
