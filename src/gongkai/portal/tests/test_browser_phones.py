"""Every public page kind on a phone (360 and 390 px) and a desktop (1366 px), in
standard and elder (large-text) mode and in English: nothing scrolls sideways, and
axe-core finds no violation. The pages are the demo's (``gongkai demo``), so the
titles, numbers and tables are the long real-world ones."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from gongkai.publishing.pagecache import LARGE_TEXT_COOKIE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 390, 1366)
AXE_WIDTHS = (390, 1366)
MODES = ("zh", "large", "en")


def _paths() -> dict[str, str]:
    """One URL of every public page kind, from the demo's content."""
    from gongkai.documents.models import Column, Document, Interpretation
    from gongkai.inspections.models import Task
    from gongkai.penalties.models import Penalty
    from gongkai.registers.models import Entry

    doc = Document.objects.filter(status="published").order_by("-publish_at").first()
    interp = Interpretation.objects.filter(status="published").first()
    entry = Entry.objects.filter(status="published").select_related("register").first()
    column = Column.objects.filter(is_active=True).first()
    task = Task.objects.order_by("id").first()
    paths = {
        "home": "/",
        "xxgk column": "/zfxxgk/",
        "catalogue": "/xxgk/",
        "catalogue filtered": "/xxgk/?validity=effective&year=2017",
        "guide": "/xxgk/guide/",
        "interpretations": "/xxgk/interpretations/",
        "columns": "/columns/",
        "search": "/search/?q=政务公开",
        "search none": "/search/?q=没有这样的词语组合",
        "penalties": "/penalties/",
        "penalty": Penalty.objects.filter(status="published")
        .first()
        .get_absolute_url(),
        "registers": "/registers/",
        "inspections": "/inspections/",
        "results": "/inspections/results/",
        "tasks": "/inspections/tasks/",
        "foi guide": "/foi/",
        "foi apply": "/foi/apply/",
        "foi reports": "/foi/reports/",
        "sitemap": "/sitemap/",
        "statement": "/pages/statement/",
        "404": "/no/such/page/",
        "api docs": "/api/docs/",
    }
    if doc is not None:
        paths["document"] = doc.get_absolute_url()
    if interp is not None:
        paths["interpretation"] = interp.get_absolute_url()
    if entry is not None:
        paths["register"] = f"/registers/{entry.register.slug}/"
        paths["register entry"] = entry.get_absolute_url()
    if column is not None:
        paths["column"] = column.get_absolute_url()
    if task is not None:
        paths["task"] = task.get_absolute_url()
    return paths


def _context(browser: Any, base: str, width: int, mode: str) -> Any:
    context = browser.new_context(
        locale="en-US" if mode == "en" else "zh-CN",
        viewport={"width": width, "height": 900},
    )
    cookies = []
    if mode == "large":
        cookies.append({"name": LARGE_TEXT_COOKIE, "value": "1", "url": base})
    if mode == "en":
        cookies.append({"name": "django_language", "value": "en", "url": base})
    if cookies:
        context.add_cookies(cookies)
    return context


def _demo() -> None:
    """The demo, on a database an earlier transactional test may have emptied (the
    built-in registers come from a data migration)."""
    from gongkai.registers.services import builtin_registers_ensure

    builtin_registers_ensure()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_public_page_kind_fits_the_screen_and_passes_axe(live_server, browser):
    _demo()
    paths = _paths()
    assert len(paths) >= 25
    problems: list[str] = []
    axe = Axe()
    for width in WIDTHS:
        for mode in MODES:
            context = _context(browser, live_server.url, width, mode)
            tab = context.new_page()
            for name, path in paths.items():
                response = tab.goto(live_server.url + path)
                where = f"{name} ({path}) at {width}px, {mode}"
                if response.status >= 500:
                    problems.append(f"{where}: HTTP {response.status}")
                    continue
                scroll = tab.evaluate("document.documentElement.scrollWidth")
                inner = tab.evaluate("window.innerWidth")
                if scroll > inner:
                    problems.append(f"{where}: {scroll}px wide in {inner}px")
                if width not in AXE_WIDTHS:
                    continue  # the same markup as at 390 px: only the width differs
                results = axe.run(tab)
                if not results.response["passes"]:
                    problems.append(f"{where}: axe-core did not run")
                for v in results.response["violations"]:
                    nodes = [n["target"] for n in v["nodes"][:3]]
                    problems.append(f"{where}: {v['id']} {v['help']} at {nodes}")
            context.close()
    assert not problems, "\n".join(problems)


def test_phone_search_facets_start_closed_and_open_without_script(live_server, browser):
    _demo()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    tab = context.new_page()
    tab.goto(live_server.url + "/search/?q=政务公开")
    facets = tab.locator("details.facet-box")
    assert not facets.locator("a").first.is_visible()
    # The first result is on the first screen, not below the filters.
    assert tab.locator(".hit").first.bounding_box()["y"] < 900
    facets.locator("summary").click()
    assert facets.locator("a").first.is_visible()
    tab.goto(live_server.url + "/xxgk/")
    assert not tab.locator("#f-topic").is_visible()
    tab.locator("details.facet-box summary").click()
    tab.select_option("#f-validity", "repealed")
    tab.get_by_role("button", name="筛选").click()
    assert "validity=repealed" in tab.url
    context.close()
    wide = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = wide.new_page()
    tab.goto(live_server.url + "/xxgk/")
    assert tab.locator("#f-topic").is_visible()  # always open on a wide screen
    assert not tab.locator("details.facet-box summary").is_visible()
    # A search that found nothing has no filters: its results take the width.
    tab.goto(live_server.url + "/search/?q=没有这样的词语组合")
    assert tab.locator(".facets").count() == 0
    assert tab.locator(".results").bounding_box()["width"] > 800
    wide.close()
