"""The staff shell: its own layout (side navigation grouped by task from the module
declarations, the user and 退出 at the top right, no public navigation), the FOI list
with subject, department, due date and status, and online requests waiting for
confirmation in the inbox."""

from __future__ import annotations

import re

import pytest

from gongkai.common.modules import MenuEntry, Module
from gongkai.foi import services as foi_services
from gongkai.foi.tests.support import application, at, received
from gongkai.workbench import navigation

pytestmark = pytest.mark.django_db


def _groups(html: str) -> list[str]:
    return re.findall(r'<h2 class="wb-group">([^<]+)</h2>', html)


def test_reviewer_sees_task_groups_in_order_and_no_public_navigation(login, reviewer):
    html = login(reviewer).get("/workbench/").content.decode()
    assert _groups(html) == [
        "待办", "审核", "内容", "依申请公开", "双随机", "处罚", "名录", "年报", "设置"
    ]  # fmt: skip
    assert 'class="main-nav"' not in html and "政府信息公开指南" not in html
    top = html.split('<header class="wb-top">')[1].split("</header>")[0]
    assert "reviewer" in top and "退出" in top
    assert '<a href="/workbench/" aria-current="page">待办与时限</a>' in html
    side = html.split('class="wb-side"')[1].split("</nav>")[0]
    assert '<a href="/workbench/penalties/licences/">行政许可</a>' in side


def test_department_staff_sees_only_their_groups(login, staff):
    html = login(staff).get("/workbench/penalties/").content.decode()
    groups = _groups(html)
    assert "审核" not in groups and "待办" in groups and "处罚" in groups
    assert '<a href="/workbench/penalties/" aria-current="page">行政处罚</a>' in html


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/workbench/", "/workbench/"),
        ("/workbench/penalties/", "/workbench/penalties/"),
        ("/workbench/penalties/licences/", "/workbench/penalties/licences/"),
        ("/workbench/penalties/123/", "/workbench/penalties/"),
        # No entry leads here: none is current, not the home.
        ("/workbench/participation/import/", None),
    ],
)
def test_the_current_entry_is_the_longest_link_the_path_starts_with(
    reviewer, path, current
):
    marked = [
        url
        for g in navigation.staff_groups(reviewer, path)
        for _label, url, is_current in g.links
        if is_current
    ]
    assert marked == ([current] if current else [])


@pytest.mark.parametrize(
    ("entry", "module", "group"),
    [
        (MenuEntry("x", "u"), "penalties", "penalties"),
        (MenuEntry("x", "u"), "documents", "content"),
        (MenuEntry("x", "u", group="report"), "foi", "report"),
        (MenuEntry("x", "u", group="no-such-group"), "registers", "registers"),
    ],
)
def test_group_of_an_entry(entry, module, group):
    assert navigation._group_of(entry, module) == group


def test_an_unresolvable_entry_is_skipped(monkeypatch, reviewer):
    fake = Module(
        name="fake", staff_menu=[MenuEntry("坏链接", "no:such-url", group="report")]
    )
    monkeypatch.setattr(navigation, "modules", lambda: (fake,))
    labels = [
        label for g in navigation.staff_groups(reviewer) for label, _u, _c in g.links
    ]
    assert "坏链接" not in labels and "待办与时限" in labels


def test_an_entry_shows_to_whom_its_predicate_admits(monkeypatch, reviewer, staff):
    fake = Module(
        name="fake",
        staff_menu=[
            MenuEntry("全部", "portal:home", group="report"),
            MenuEntry(
                "仅审核人员", "portal:home", group="report",
                visible=lambda u: u == reviewer,
            ),
        ],
    )  # fmt: skip
    monkeypatch.setattr(navigation, "modules", lambda: (fake,))

    def labels(user):
        return [
            label for g in navigation.staff_groups(user) for label, _u, _c in g.links
        ]

    assert {"全部", "仅审核人员"} <= set(labels(reviewer))
    assert "全部" in labels(staff) and "仅审核人员" not in labels(staff)


def test_foi_list_shows_subject_department_due_and_status_with_filters(
    login, reviewer, staff, other_staff
):
    mine = received(by=staff, day="2026-02-10", description="2025年电动自行车抽查结果")
    theirs = received(
        by=other_staff, day="2026-03-02", description="特种设备检验机构名单"
    )
    c = login(reviewer)
    html = c.get("/workbench/foi/").content.decode()
    assert "2025年电动自行车抽查结果" in html and str(staff.department) in html
    # 20 working days from 2026-02-10 across the Spring Festival (2-15..2-23 off,
    # 2-14 and 2-28 worked): the last day is 2026-03-16.
    assert "2026-03-16 24:00" in html
    assert "办理中" in html
    only = c.get(
        "/workbench/foi/", {"department": staff.department_id}
    ).content.decode()
    assert mine.tracking_number in only and theirs.tracking_number not in only
    late = c.get("/workbench/foi/", {"due": "overdue"}).content.decode()
    assert mine.tracking_number in late and theirs.tracking_number in late
    bad = c.get("/workbench/foi/", {"department": "x", "due": "?"})
    assert bad.status_code == 200
    # A department sees its own requests only; no login, no list.
    own = login(other_staff).get("/workbench/foi/").content.decode()
    assert theirs.tracking_number in own and mine.tracking_number not in own


def test_foi_list_needs_a_login(client):
    response = client.get("/workbench/foi/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_online_request_awaiting_confirmation_is_in_the_inbox(login, reviewer, staff):
    request, _code = foi_services.request_submit(
        application=application(description="网上申请：2026年抽查计划"),
        now=at("2026-03-02"),
    )
    inbox = login(reviewer).get("/workbench/").content.decode()
    assert "网上申请待确认收到（1）" in inbox and request.tracking_number in inbox
    # Not the departments' (the office confirms and assigns it).
    assert "网上申请待确认收到" not in login(staff).get("/workbench/").content.decode()
