"""Tags of the workbench shell (``workbench/base.html``): the grouped side navigation
and the return (退回) note above an author's item page."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.publishing.choices import Status
from gongkai.publishing.registry import kinds, staff_queryset

from ..navigation import Group, staff_groups

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_nav(context: dict[str, Any]) -> list[Group]:
    request = context.get("request")
    if request is None:
        return []
    return staff_groups(getattr(request, "user", None), request.path)


@register.simple_tag(takes_context=True)
def returned_item(context: dict[str, Any]) -> Any:
    """The item of this page (a content kind's edit page) when the office returned
    it to its author with a note and it is still a draft; else None."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or "pk" not in match.kwargs:
        return None
    for kind in kinds():
        if kind.edit_url_name == match.view_name:
            obj = (
                staff_queryset(kind, request.user)
                .filter(pk=match.kwargs["pk"], status=Status.DRAFT)
                .exclude(review_note="")
                .first()
            )
            return obj
    return None
