"""The demo data, the FINDINGS provider for the site self-check, and the template
command."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.accounts import demo as accounts_demo
from gongkai.common.figures import FINDINGS, providers
from gongkai.govservices import demo
from gongkai.govservices.findings import guide_findings
from gongkai.govservices.models import IntermediaryService, PowerItem, ServiceItem
from gongkai.govservices.rules import guide_problems
from gongkai.govservices.selectors import licensing_lists, power_changes, power_list
from gongkai.govservices.sheets import ADJUSTMENT_COLUMNS, SERVICE_COLUMNS

from .factories import published

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 2, tzinfo=dt.UTC)


def test_demo_loads_guides_of_every_level_and_two_rounds_of_adjustments():
    accounts_demo.load(now=NOW, out=io.StringIO())
    out = io.StringIO()
    demo.load(now=NOW, out=out)
    guides = ServiceItem.objects.visible(NOW + dt.timedelta(minutes=1))
    assert guides.count() == 12
    assert set(guides.values_list("online_level", flat=True)) == {"1", "2", "3", "4"}
    assert all(guide_problems(g.facts()) == [] for g in guides)
    assert ServiceItem.objects.filter(status="draft").count() == 1
    today = NOW.date()
    kinds = Counter(
        r.change for r in power_changes(today - dt.timedelta(days=540), today)
    )
    assert kinds == {"cancelled": 1, "delegated": 1, "added": 2, "changed": 1}
    assert len(power_list(today)) == PowerItem.objects.count() - 2
    lists = licensing_lists(today)
    assert [len(lists[k]) for k in ("cancelled", "delegated")] == [1, 1]
    assert IntermediaryService.objects.filter(status="published").count() == 2
    # Loading again adds nothing.
    demo.load(now=NOW, out=io.StringIO())
    assert ServiceItem.objects.count() == 13


def test_findings_name_published_guides_missing_elements(staff, reviewer):
    whole = published(department=staff.department, author=staff, reviewer=reviewer)
    broken = published(
        department=staff.department, author=staff, reviewer=reviewer, name="缺要素的事项",
        implementation_code=whole.implementation_code + "9", visits=2, complaint_phone="",
    )  # fmt: skip
    assert guide_findings in providers(FINDINGS)
    found = guide_findings(on=NOW)
    assert [f.indicator for f in found] == ["services.guide_incomplete"]
    assert found[0].severity == "deduction" and "到办事现场次数" in found[0].object
    assert "监督投诉电话" in found[0].object
    assert found[0].url == broken.get_absolute_url()
    assert found[0].fix_url.endswith(f"/workbench/services/{broken.pk}/")
    # Not yet public at an earlier time: nothing to find.
    assert guide_findings(on=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)) == []


@pytest.mark.parametrize(
    ("kind", "columns"),
    [("services", SERVICE_COLUMNS), ("adjustments", ADJUSTMENT_COLUMNS)],
)
def test_template_command_writes_headers_and_one_example(tmp_path, kind, columns):
    out = tmp_path / "t.xlsx"
    call_command(
        "govservices",
        "template",
        "--out",
        str(out),
        "--kind",
        kind,
        stdout=io.StringIO(),
    )
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == [c.label for c in columns]
    assert len(rows) == 2 and rows[1][0]


def test_import_command_reports_row_errors(tmp_path, staff):
    out = tmp_path / "t.xlsx"
    call_command("govservices", "template", "--out", str(out), stdout=io.StringIO())
    book = load_workbook(out)
    book.active["P2"] = 3  # 到办事现场次数 of a fully-online (Ⅳ级) guide
    book.save(out)
    text = io.StringIO()
    call_command(
        "govservices",
        "import",
        "services",
        str(out),
        "--user",
        staff.username,
        stdout=text,
    )
    assert "错误行 1" in text.getvalue()
    assert "到办事现场次数：全程网办（Ⅳ级）事项到现场次数应为0次" in text.getvalue()
