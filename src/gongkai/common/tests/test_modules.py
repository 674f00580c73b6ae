"""The module seam: a throw-away module (``tests/notices``, installed by the test
settings only) declares itself in its ``module.py`` and nothing else is edited; its
pages, API, menu entries, lifecycle actions, search source, page-cache watch and
clock rule all appear."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.clocks.selectors import clock_rule
from gongkai.common.modules import Module, modules
from gongkai.common.tests.notices.models import Notice
from gongkai.portal.menu import public_links
from gongkai.publishing import caching
from gongkai.publishing.registry import kind_of
from gongkai.search.registry import by_kind
from gongkai.search.selectors import search_run
from gongkai.workbench.navigation import staff_groups

pytestmark = pytest.mark.django_db


def _notices() -> Module:
    return next(m for m in modules() if m.name == "notices")


def test_the_module_is_declared_once_by_installing_it():
    names = [m.name for m in modules()]
    assert names.count("notices") == 1
    assert {"documents", "foi", "penalties", "registers", "publishing"} <= set(names)


def test_its_pages_api_and_menu_entries_appear(client, login, reviewer):
    assert ("测试通知", "/notices/") in public_links()
    staff = [(label, url) for g in staff_groups(reviewer) for label, url, _c in g.links]
    assert ("测试通知管理", "/notices/") in staff
    assert client.get("/notices/").status_code == 200
    assert client.get("/api/v1/notices/").json() == {"results": []}
    assert reverse("notices-staff:edit", kwargs={"pk": 1}) == "/workbench/notices/1/"


def test_its_clock_rule_and_event_labels_are_known():
    rule = clock_rule("notice.publish", start=dt.date(2026, 3, 2))
    assert rule.length == 5
    assert rule.label("drafted") == "起草通知"


def test_its_content_runs_the_lifecycle_and_reaches_search_and_cache(
    client, login, staff, reviewer, django_capture_on_commit_callbacks
):
    assert kind_of("notices.notice") is not None
    assert by_kind("notices.notice") is not None
    assert (Notice, "publish_at", "unpublish_at") in caching._windows()
    notice = Notice.objects.create(
        title="关于试运行通知模块的公告",
        body="通知模块由一个文件夹和一行配置加入平台。",
        department=staff.department,
        author=staff,
    )
    token = caching.page_token()[0]
    login(staff).post(f"/workbench/notices/{notice.pk}/submit/")
    office = login(reviewer)
    office.post(f"/workbench/notices/{notice.pk}/approve/")
    with django_capture_on_commit_callbacks(execute=True):  # indexing on commit
        office.post(f"/workbench/notices/{notice.pk}/publish/")
    notice.refresh_from_db()
    assert notice.is_visible()
    assert caching.page_token()[0] != token  # cached public pages move on
    assert client.get(f"/notices/{notice.pk}/").content.decode() == notice.title
    hits = search_run(query="试运行", now=timezone.now()).hits
    assert [h.url for h in hits] == [f"/notices/{notice.pk}/"]
