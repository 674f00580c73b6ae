"""The 政府信息公开 column as Chinese government sites lay it out: 公开指南, 公开制度,
法定主动公开内容 (条例 第二十条, item by item), 公开年报, 依申请公开.

Each item of 第二十条 names where its information lives: a page of a module, a
column of the catalogue, a register or a content page. A target that does not exist
on this installation (a module not installed, a column not created) is skipped; an
item with no target left is shown as 建设中, never as a dead link. Extend ``ITEMS``
to point an item at a new module or column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import modules
from gongkai.documents.selectors import columns_public
from gongkai.publishing.selectors import page_get_public

# The content page (slug) holding this organ's 政府信息公开制度 (its rules for the
# disclosure work: review before publication, confidentiality check, ...).
RULES_PAGE = "gkzd"


@dataclass(frozen=True)
class Target:
    """Where an item's information is: one of a URL name (with kwargs), the first
    public menu entry of a module (its URL namespace), a catalogue column or a
    content page, by slug."""

    url_name: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)
    module: str = ""
    column: str = ""
    page: str = ""
    label: Any = ""


@dataclass(frozen=True)
class Item:
    number: str  # 条例 第二十条 第（N）项
    label: Any
    targets: tuple[Target, ...]


# 条例（2019）第二十条: what every administrative organ discloses proactively.
ITEMS: tuple[Item, ...] = (
    Item(
        "一",
        _("规章和规范性文件"),
        (Target(url_name="documents:catalogue", label=_("政府信息公开目录")),),
    ),
    Item(
        "二",
        _("机构职能、负责人"),
        (
            Target(page="jgzn", label=_("机构职能")),
            Target(page="ldxx", label=_("领导信息")),
            Target(column="jgzn", label=_("机构职能")),
        ),
    ),
    Item("三", _("规划"), (Target(column="ghjh"), Target(module="plans"))),
    Item("四", _("统计信息"), (Target(column="tjxx"), Target(module="statistics"))),
    Item(
        "五",
        _("行政许可和对外管理服务事项"),
        (Target(module="govservices", label=_("政务服务事项")),),
    ),
    Item(
        "六",
        _("行政处罚、行政强制"),
        (Target(url_name="penalties:penalty-list", label=_("行政处罚公示")),),
    ),
    Item(
        "七",
        _("财政预算、决算"),
        (Target(module="budgets", label=_("财政预决算")), Target(column="czyjs")),
    ),
    Item(
        "八",
        _("行政事业性收费"),
        (
            Target(
                url_name="registers:register-detail",
                kwargs={"slug": "fees"},
                label=_("收费项目"),
            ),
        ),
    ),
    Item(
        "九", _("政府集中采购"), (Target(column="zfcg"), Target(module="procurement"))
    ),
    Item("十", _("重大建设项目"), (Target(column="zdxm"),)),
    Item("十一", _("扶贫、教育、医疗、社会保障、促进就业"), (Target(column="msbz"),)),
    Item("十二", _("突发公共事件应急"), (Target(column="yjgl"),)),
    Item(
        "十三",
        _("监督检查情况（产品质量、食品药品等）"),
        (
            Target(url_name="inspections:index", label=_("双随机一公开")),
            Target(
                url_name="registers:register-detail",
                kwargs={"slug": "spot-checks"},
                label=_("产品质量监督抽查结果"),
            ),
        ),
    ),
    Item("十四", _("公务员招考、录用（人事）"), (Target(column="rsxx"),)),
    Item(
        "十五",
        _("其他应当主动公开的政府信息"),
        (
            Target(url_name="documents:column-list", label=_("栏目与专题")),
            Target(url_name="registers:register-list", label=_("公开名录")),
        ),
    ),
)


def _module_url(namespace: str) -> str:
    for m in modules():
        for entry in sorted(m.public_menu, key=lambda e: e.order):
            if entry.url_name.split(":", 1)[0] == namespace:
                try:
                    return reverse(entry.url_name)
                except NoReverseMatch:
                    continue
    return ""


def resolve(target: Target, *, columns: dict[str, Any], now: dt.datetime) -> str:
    """The URL of ``target`` on this installation, or "" when it does not exist."""
    if target.url_name:
        try:
            url = reverse(target.url_name, kwargs=target.kwargs or None)
        except NoReverseMatch:
            return ""
        if target.url_name == "registers:register-detail":
            from gongkai.registers.selectors import register_get

            if register_get(slug=target.kwargs["slug"]) is None:
                return ""
        return url
    if target.module:
        return _module_url(target.module)
    if target.column:
        column = columns.get(target.column)
        return column.get_absolute_url() if column is not None else ""
    if target.page:
        page = page_get_public(slug=target.page, now=now)
        return page.get_absolute_url() if page is not None else ""
    return ""


def proactive_items(*, now: dt.datetime) -> list[dict[str, Any]]:
    """第二十条's items with the links that exist here; ``links`` empty = 建设中."""
    columns = {c.slug: c for c in columns_public()}
    out = []
    for item in ITEMS:
        links = []
        for target in item.targets:
            url = resolve(target, columns=columns, now=now)
            if url and url not in {u for _label, u in links}:
                label = target.label or (
                    columns[target.column].name if target.column else item.label
                )
                links.append((label, url))
        out.append({"number": item.number, "label": item.label, "links": links})
    return out
