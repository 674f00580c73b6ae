"""Table 2 第二十条第（六）项 行政处罚: final, published decisions of the year only."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.common.figures import TABLE2, providers
from gongkai.penalties import services
from gongkai.penalties.report_figures import table2_penalties
from gongkai.penalties.tests.factories import record
from gongkai.publishing import services as pub

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 1, 6, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))
WARNING = {"CF_CFLB": "警告", "CF_NR": "警告", "CF_NR_FK": None, "CF_NR_WFFF": None}


@pytest.mark.parametrize(
    ("state", "cells", "counted"),
    [
        ("published", {}, True),
        ("published", {"CF_CFLB": "警告；罚款"}, True),
        ("published", {"CF_JDRQ": "2025-12-31"}, False),  # another year
        ("draft", {}, False),
        ("in_review", {}, False),
        ("approved", {}, False),
        ("approved", WARNING, False),  # warning-only: not publicised
        ("withdrawn", {}, False),
    ],
)
def test_only_final_published_decisions_count(staff, reviewer, state, cells, counted):
    p = services.penalty_create(
        record=record(**{"CF_JDRQ": "2026-05-06", **cells}),
        department=staff.department,
        by=staff, now=NOW,
    )  # fmt: skip
    if state != "draft":
        pub.publishing_submit(obj=p, by=staff, now=NOW)
    if state not in ("draft", "in_review"):
        pub.publishing_approve(obj=p, by=reviewer, now=NOW)
    if state in ("published", "withdrawn"):
        p = services.penalty_publish(penalty=p, by=reviewer, now=NOW)
    if state == "withdrawn":
        services.penalty_withdraw(
            penalty=p, kind="revoked", changed_on=dt.date(2027, 1, 5),
            reason="复议撤销", by=reviewer, now=NOW,
        )  # fmt: skip
    assert table2_penalties(year=2026) == {
        "第二十条第（六）项": {"行政处罚": {"本年处理决定数量": int(counted)}}
    }
    assert table2_penalties in providers(TABLE2)
