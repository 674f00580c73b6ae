"""Static publishing of participation, government services, budgets and oversight:
a change re-renders only the pages that show it; an open consultation's page (the
comment form) is left to Django until it closes; a power-list adjustment shows on
the day it takes effect."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from gongkai.govservices import services as govservices
from gongkai.participation.tests import factories as consult
from gongkai.publishing import static, static_files
from gongkai.publishing.caching import SHANGHAI, next_midnight
from gongkai.publishing.models import StaticPage

pytestmark = pytest.mark.django_db
# Pages of each module, to see which a change touched (zh-hans, normal text).
CONSULTATIONS = {"zh-hans/consultations/index.html",
                 "zh-hans/consultations/feed/index.atom"}  # fmt: skip
SERVICES = {"zh-hans/services/index.html", "zh-hans/services/feed/index.atom"}
POWERS = {"zh-hans/powers/index.html", "zh-hans/powers/licensing/index.html",
          "zh-hans/powers/diff/index.html", "zh-hans/powers/feed/index.atom"}  # fmt: skip
OTHERS = {"zh-hans/index.html", "zh-hans/meetings/index.html",
          "zh-hans/messages/index.html", "zh-hans/proposals/index.html",
          "zh-hans/incidents/index.html", "zh-hans/budgets/index.html",
          "zh-hans/oversight/index.html", "zh-hans/penalties/index.html"}  # fmt: skip


def _mtimes(root: Path) -> dict[str, int]:
    root = root.resolve()
    return {
        str(p.relative_to(root)): os.stat(p).st_mtime_ns
        for p in root.rglob("index.*")
        if p.suffix not in (".gz", ".br")
    }


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name in after if after[name] != before.get(name)}


def _page(url: str) -> str:
    return "zh-hans/" + static_files.file_for(url)


def test_publishing_a_consultation_re_renders_only_its_pages(
    client,
    site,
    tree,
    staff,
    reviewer,
    django_capture_on_commit_callbacks,
):
    static.static_build(out=tree)
    before = _mtimes(tree)
    now = timezone.now()
    draft = consult.consultation(
        staff=staff, title="新公布的征求意见稿",
        open_at=now + dt.timedelta(days=1), close_at=now + dt.timedelta(days=41),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        consult.publish(draft, staff=staff, reviewer=reviewer)
    changed = _changed(before, _mtimes(tree))
    assert CONSULTATIONS | {_page(draft.get_absolute_url())} <= changed
    assert (
        "新公布的征求意见稿" in (tree / "zh-hans/consultations/index.html").read_text()
    )
    untouched = {_page(site["consultation"].get_absolute_url()),
                 _page(site["report"].get_absolute_url()), *SERVICES, *POWERS,
                 *OTHERS}  # fmt: skip
    assert not untouched & changed, untouched & changed
    assert static.static_status().stale == []


def test_a_new_guide_re_renders_the_catalogue_not_the_power_list(
    client,
    site,
    tree,
    staff,
    reviewer,
    django_capture_on_commit_callbacks,
):
    from gongkai.govservices.tests.factories import service

    static.static_build(out=tree)
    before = _mtimes(tree)
    guide = service(department=staff.department, author=staff, name="特种设备使用登记")
    with django_capture_on_commit_callbacks(execute=True):
        govservices.service_submit(item=guide, by=staff)
        govservices.service_approve(item=guide, by=reviewer, accept_warnings=True)
        govservices.service_publish(item=guide, by=reviewer)
    changed = _changed(before, _mtimes(tree))
    new = {_page(guide.get_absolute_url()), _page(f"/services/{guide.pk}/print/")}
    assert SERVICES | new <= changed
    untouched = {_page(site["guide"].get_absolute_url()), *CONSULTATIONS, *POWERS,
                 *OTHERS}  # fmt: skip
    assert not untouched & changed, untouched & changed


def test_a_power_adjustment_shows_on_the_day_it_takes_effect(
    client,
    site,
    tree,
    staff,
    django_capture_on_commit_callbacks,
):
    static.static_build(out=tree)
    power = site["power"]
    detail = tree / _page(power.get_absolute_url())
    listing = tree / "zh-hans/powers/index.html"
    before = _mtimes(tree)
    tomorrow = timezone.now().astimezone(SHANGHAI).date() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        govservices.power_adjust(
            item=power, kind="cancel", effective_on=tomorrow,
            doc_number="闽质监法〔2026〕3号", reason="依法取消", by=staff,
        )  # fmt: skip
    changed = _changed(before, _mtimes(tree))
    # Recorded today: the list of versions and the feed changed, not what is listed.
    assert {"zh-hans/powers/diff/index.html", _page(power.get_absolute_url())} <= (
        changed
    )
    assert not (CONSULTATIONS | SERVICES) & changed
    assert "电梯安装许可" in listing.read_text()
    assert "该事项已不在现行权责清单中" not in detail.read_text()
    # Shanghai midnight, no request: the worker's tick passes the day.
    midnight = next_midnight(timezone.now())
    with (
        time_machine.travel(midnight + dt.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        static.static_tick.call()
    assert "电梯安装许可" not in listing.read_text()
    assert "该事项已不在现行权责清单中" in detail.read_text()
    assert "依法取消" in (tree / "zh-hans/powers/feed/index.atom").read_text()


def test_an_open_consultation_is_left_to_django_until_it_closes(
    client,
    site,
    tree,
    staff,
    reviewer,
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    soon = consult.consultation(
        staff=staff, reviewer=reviewer, title="即将开始的征求意见稿",
        open_at=now + dt.timedelta(minutes=5), close_at=now + dt.timedelta(days=31),
    )  # fmt: skip
    static.static_build(out=tree, now=now)
    open_one = site["open_consultation"]
    path = open_one.get_absolute_url()
    assert static_files.built_file(tree / "zh-hans", path) is None
    assert not StaticPage.objects.filter(path=path).exists()
    # Nor does the page cache keep it: each visitor gets a token of their own.
    first, second = client.get(path), client.get(path)
    assert 'name="token"' in first.content.decode()
    assert first.content != second.content and "private" in first["Cache-Control"]
    # Not yet open: a file, without the form.
    page = tree / _page(soon.get_absolute_url())
    assert "未开始" in page.read_text() and 'name="token"' not in page.read_text()
    # It opens (no request: the tick passes the edge): the file goes, Django answers.
    with (
        time_machine.travel(now + dt.timedelta(minutes=6), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        static.static_tick.call()
    assert not page.exists()
    assert not StaticPage.objects.filter(path=soon.get_absolute_url()).exists()
    # The other one closes: its page becomes a file, without the form.
    with (
        time_machine.travel(open_one.close_at + dt.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        static.static_tick.call()
    closed = (tree / _page(path)).read_text()
    assert "已截止" in closed and 'name="token"' not in closed


def test_an_edited_budget_table_set_re_renders_the_budget_pages(
    site, tree, tmp_path, settings, django_capture_on_commit_callbacks
):
    from gongkai.budgets.selectors import DATA

    static.static_build(out=tree)
    before = _mtimes(tree)
    folder = tmp_path / "tablesets"
    folder.mkdir()
    shipped = (DATA / "tablesets" / "national-budget.json").read_text("utf-8")
    (folder / "own.json").write_text(shipped.replace("支出", "开支", 1), "utf-8")
    settings.GONGKAI_BUDGET_TABLESET_DIRS = [str(folder)]
    with django_capture_on_commit_callbacks(execute=True):
        static.static_tick.call()  # the worker's schedule notices the file
    changed = _changed(before, _mtimes(tree))
    assert "zh-hans/budgets/index.html" in changed
    untouched = {
        *CONSULTATIONS,
        *SERVICES,
        *POWERS,
        *(OTHERS - {"zh-hans/budgets/index.html"}),
    }
    assert not untouched & changed, untouched & changed
