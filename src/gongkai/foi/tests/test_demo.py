"""The demo year passes its own report checks and covers the branches."""

import datetime as dt
import io

import pytest

from gongkai.foi import demo
from gongkai.foi.models import FoiRequest
from gongkai.foi.report.build import annual_report, report_problems

pytestmark = pytest.mark.django_db


def test_demo_year_report_is_consistent_and_idempotent(department, office):
    from gongkai.accounts.models import User

    User.objects.create_user(username="office", role="reviewer", department=office)
    User.objects.create_user(username="quality", role="staff", department=department)
    now = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
    demo.load(now=now, out=io.StringIO())
    count = FoiRequest.objects.count()
    demo.load(now=now, out=io.StringIO())
    assert FoiRequest.objects.count() == count == 43
    report = annual_report(2025)
    assert report_problems(report) == []
    t3 = report["t3"]
    assert t3["carried_in"][6] > 0 and t3["new"][6] > 30
    for row in ("disclosed", "partly", "other.fee_unpaid", "other.correction_lapsed"):
        assert t3[row][6] > 0, row
    assert report["t4"]["review"]["total"] > 0
    assert FoiRequest.objects.filter(status="submitted").count() == 1
    assert "收取信息处理费900.00元" in report["prose"]["other"]  # 3 × 300 元 paid
