"""Real Chromium: every staff form with a date or date-time field keeps its dates.

Chromium empties an ``<input type="date">`` whose value is not ``YYYY-MM-DD`` (and a
``datetime-local`` one not ``YYYY-MM-DDTHH:MM``); the next save then loses the date or
fails with 该字段是必填项. Each edit form is opened, saved unchanged and opened again;
pages whose forms come pre-filled with a date are checked for values the browser
rejected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.foi.services import correction_request
from gongkai.foi.tests.support import received
from gongkai.inspections.tests.factories import TargetFactory
from gongkai.registers.services import entry_create
from gongkai.registers.tests.factories import tea_register
from gongkai.workbench.tests.support import draft_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# the inputs whose value attribute the browser refused (it shows them empty)
REJECTED = """() => [...document.querySelectorAll(
    'input[type=date], input[type=datetime-local]')]
  .filter(e => e.getAttribute('value') && e.value === '')
  .map(e => e.name + '=' + e.getAttribute('value'))"""


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in(tab: Any, url: str, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(url + "/accounts/login/")
    tab.get_by_label("用户名").fill(username)
    tab.get_by_label("密码").fill("pw-" + username)
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(f"{url}/workbench/**")


def _values(tab: Any, ids: list[str]) -> dict[str, str]:
    assert tab.evaluate(REJECTED) == []
    return {i: tab.locator("#" + i).input_value() for i in ids}


def _round_trip(tab: Any, url: str, button: str, expected: dict[str, str]) -> None:
    """Open, check the dates shown, save unchanged, open again: the same dates."""
    tab.goto(url)
    assert _values(tab, list(expected)) == expected
    tab.get_by_role("button", name=button, exact=True).click()
    tab.wait_for_load_state()
    assert tab.locator(".errorlist").count() == 0, tab.locator("main").inner_text()
    tab.goto(url)
    assert _values(tab, list(expected)) == expected


def test_document_draft_keeps_its_dates(live_server, tab, settings, staff):
    settings.GONGKAI_REQUIRE_OTP = False
    doc = DocumentFactory(
        department=staff.department,
        author=staff,
        written_on=dt.date(2026, 12, 5),
        effective_from=dt.date(2027, 1, 1),
        valid_until=dt.date(2031, 12, 31),
        formed_on=dt.date(2026, 12, 5),
    )
    _log_in(tab, live_server.url, "author")
    url = live_server.url + reverse("documents-staff:document-edit", args=[doc.pk])
    _round_trip(
        tab,
        url,
        "保存草稿",
        {
            "id_written_on": "2026-12-05",
            "id_effective_from": "2027-01-01",
            "id_valid_until": "2031-12-31",
            "id_formed_on": "2026-12-05",
        },
    )
    doc.refresh_from_db()
    assert (doc.written_on, doc.effective_from, doc.valid_until) == (
        dt.date(2026, 12, 5),
        dt.date(2027, 1, 1),
        dt.date(2031, 12, 31),
    )


def test_page_draft_keeps_its_formed_on(live_server, tab, settings, staff):
    settings.GONGKAI_REQUIRE_OTP = False
    page = draft_page(author=staff, formed_on=dt.date(2026, 12, 5))
    _log_in(tab, live_server.url, "author")
    url = live_server.url + reverse("workbench:page-edit", args=[page.pk])
    _round_trip(tab, url, "保存草稿", {"id_formed_on": "2026-12-05"})
    page.refresh_from_db()
    assert page.formed_on == dt.date(2026, 12, 5)


def test_register_entry_keeps_its_date(live_server, tab, settings, staff, admin_user):
    settings.GONGKAI_REQUIRE_OTP = False
    register = tea_register(admin_user)
    entry = entry_create(
        register=register,
        record={
            "product": "武夷岩茶",
            "sampled_on": "2026-12-05",
            "result": "合格",
            "report_no": "FJ-T-0001",
        },
        department=staff.department,
        by=staff,
    )
    _log_in(tab, live_server.url, "author")
    url = live_server.url + reverse(
        "registers-staff:entry-edit", args=[register.slug, entry.pk]
    )
    _round_trip(tab, url, "保存", {"id_sampled_on": "2026-12-05"})
    entry.refresh_from_db()
    assert entry.data["sampled_on"] == "2026-12-05"


def test_inspection_target_keeps_its_date(live_server, tab, settings, staff):
    settings.GONGKAI_REQUIRE_OTP = False
    target = TargetFactory(last_inspected=dt.date(2026, 12, 5))
    _log_in(tab, live_server.url, "author")
    url = live_server.url + reverse(
        "inspections-staff:record-edit", args=["targets", target.uscc]
    )
    _round_trip(tab, url, "保存", {"id_last_inspected": "2026-12-05"})
    target.refresh_from_db()
    assert target.last_inspected == dt.date(2026, 12, 5)


def test_foi_step_forms_come_filled_with_dates_the_browser_accepts(
    live_server, tab, settings, reviewer, department
):
    settings.GONGKAI_REQUIRE_OTP = False
    request = received(by=reviewer, department=department)
    # awaiting correction: 收到补正 comes filled with the current time
    correction_request(request=request, text="请写明设区市名称", by=reviewer)
    _log_in(tab, live_server.url, "reviewer")
    tab.goto(live_server.url + reverse("foi-staff:detail", args=[request.pk]))
    assert tab.evaluate(REJECTED) == []
    filled = tab.evaluate(
        """() => [...document.querySelectorAll('input[type=datetime-local]')]
          .filter(e => e.value).length"""
    )
    assert filled > 0
