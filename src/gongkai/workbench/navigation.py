"""The workbench side navigation: the workbench's own pages and every module's staff
menu (``MenuEntry.group``), grouped by task in ``STAFF_GROUPS`` order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import can_review_content, can_view_audit
from gongkai.common.modules import STAFF_GROUPS, MenuEntry, modules

# A module whose name is a group key puts its entries there by default.
_MODULE_GROUPS = {key for key, _label in STAFF_GROUPS}
GROUP_LABELS = {
    "todo": gettext_lazy("待办"),
    "review": gettext_lazy("审核"),
    "content": gettext_lazy("内容"),
    "foi": gettext_lazy("依申请公开"),
    "inspections": gettext_lazy("双随机"),
    "penalties": gettext_lazy("处罚"),
    "registers": gettext_lazy("名录"),
    "report": gettext_lazy("年报"),
    "settings": gettext_lazy("设置"),
}
# The workbench's own pages (module "workbench").
OWN: tuple[tuple[MenuEntry, str], ...] = (
    (MenuEntry(gettext_lazy("待办与时限"), "workbench:home", 0, group="todo"), ""),
    (
        MenuEntry(
            gettext_lazy("待审核内容"),
            "workbench:review-list",
            0,
            visible=lambda u: can_review_content(u),
            group="review",
        ),
        "",
    ),
    (
        MenuEntry(gettext_lazy("网页内容"), "workbench:page-list", 90, group="content"),
        "",
    ),
    (
        MenuEntry(
            gettext_lazy("审计记录"),
            "workbench:audit-list",
            10,
            visible=lambda u: can_view_audit(u),
            group="settings",
        ),
        "",
    ),
    (
        MenuEntry(gettext_lazy("节假日安排"), "clocks:calendar", 20, group="settings"),
        "",
    ),
)


@dataclass
class Group:
    key: str
    label: str
    links: list[tuple[str, str, bool]] = field(default_factory=list)


def _group_of(entry: MenuEntry, module: str) -> str:
    if entry.group in GROUP_LABELS:
        return entry.group
    return module if module in _MODULE_GROUPS else "content"


def staff_groups(user: Any, path: str = "") -> list[Group]:
    """The groups with at least one entry ``user`` may see: (label, url, current)."""
    entries = list(OWN) + [(e, m.name) for m in modules() for e in m.staff_menu]
    found: dict[str, list[tuple[int, str, str]]] = {}
    for entry, module in entries:
        if entry.visible is not None and not entry.visible(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        found.setdefault(_group_of(entry, module), []).append(
            (entry.order, str(entry.label), url)
        )
    groups = []
    # The longest link the path starts with is the current one; the workbench's
    # home, which every path starts with, only on itself (a page no entry leads to,
    # such as an import page, marks none rather than the home).
    home = reverse("workbench:home")
    best = max(
        (
            url
            for links in found.values()
            for _o, _l, url in links
            if path == url or (path.startswith(url) and url != home)
        ),
        key=len,
        default="",
    )
    for key, _label in STAFF_GROUPS:
        links = sorted(found.get(key, []))
        if links:
            groups.append(
                Group(
                    key,
                    _(str(GROUP_LABELS[key])),
                    [(label, url, url == best) for _o, label, url in links],
                )
            )
    return groups
