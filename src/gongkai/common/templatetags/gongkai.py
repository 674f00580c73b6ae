"""Template filters shared by every app."""

from __future__ import annotations

import datetime as dt

from django import template
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import modules

register = template.Library()


@register.filter
def deadline(value: dt.datetime | None) -> str:
    """A due moment as people say it: 00:00 of day D+1 is shown as "D 24:00"
    (民法典 第二百零三条: a period ends at 24:00 of its last day)."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    if local.time() == dt.time.min:
        return f"{(local.date() - dt.timedelta(days=1)).isoformat()} 24:00"
    return local.strftime("%Y-%m-%d %H:%M")


_STATE_LABELS = {
    "running": _("计时中"),
    "paused": _("暂停计时"),
    "due_soon": _("即将到期"),
    "overdue": _("已超期"),
    "stopped": _("已结束"),
}


@register.filter
def clock_state(value: str) -> str:
    """The Chinese label of a clock state (core.clocks.State value)."""
    return str(_STATE_LABELS.get(str(value), value))


@register.filter
def remaining(value: dt.timedelta | None) -> str:
    """Remaining time in days and hours (negative: overdue by)."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    days, rest = divmod(abs(seconds), 86400)
    hours, minutes = rest // 3600, rest % 3600 // 60
    if days:
        text = gettext("%(days)s 天 %(hours)s 小时") % {"days": days, "hours": hours}
    else:
        text = gettext("%(hours)s 小时 %(minutes)s 分") % {
            "hours": hours,
            "minutes": minutes,
        }
    return text if seconds >= 0 else gettext("已超期 %(time)s") % {"time": text}


_UNIT_LABELS = {
    "working_day": _("个工作日"),
    "calendar_day": _("日"),
    "hour": _("小时"),
    "month": _("个月"),
}


@register.filter
def clock_unit(value: str) -> str:
    """The Chinese unit of a clock rule (core.clocks.Unit value)."""
    return str(_UNIT_LABELS.get(str(value), value))


@register.filter
def edit_url(obj: object) -> str:
    """The workbench page of a content item, from its declared kind (``ContentKind``
    in its module declaration); "" when its kind is not declared."""
    if not isinstance(obj, models.Model):
        return ""
    for module in modules():
        for kind in module.content:
            if kind.model._meta.label_lower == obj._meta.label_lower:
                try:
                    return reverse(kind.edit_url_name, kwargs={"pk": obj.pk})
                except NoReverseMatch:
                    return ""
    return ""


@register.filter
def review_url(obj: object) -> str:
    """The review page of a content item (marked preview and diff)."""
    if not isinstance(obj, models.Model) or not edit_url(obj):
        return ""
    return reverse(
        "workbench:review-detail",
        kwargs={"kind": obj._meta.label_lower, "pk": obj.pk},
    )


@register.filter
def doc_layout(body: str) -> str:
    """A document body with its 主送机关, 署名 and 成文日期 paragraphs marked for
    the GB/T 9704 layout (core.doclayout); the body is stored sanitized HTML."""
    from gongkai.core.doclayout import mark

    return mark(body or "")
