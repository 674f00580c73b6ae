"""Fixtures of the publishing tests; ``site`` and ``tree``: the static build's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from gongkai.documents.models import Guide
from gongkai.documents.tests.factories import (
    ColumnFactory,
    DocumentFactory,
    InterpretationFactory,
)
from gongkai.inspections import services as inspections
from gongkai.inspections.models import InspectionPlan
from gongkai.inspections.tests.support import make_task, registry, run_to_drawn
from gongkai.penalties.tests.factories import PenaltyFactory
from gongkai.penalties.tests.licence_factories import licence_publish
from gongkai.publishing import services
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Page
from gongkai.publishing.tests.factories import PageFactory
from gongkai.registers.models import Register
from gongkai.registers.services import builtin_registers_ensure, entry_create
from gongkai.registers.tests.factories import spot_row
from gongkai.registers.tests.test_public import publish

from .site_modules import newer_modules
from .support import NOW


@pytest.fixture
def draft(staff: Any) -> Page:
    return services.page_create(
        title="2026年政务公开工作要点",
        slug="key-points-2026",
        summary="年度要点",
        body="<p>推进决策公开。</p>",
        department=staff.department,
        by=staff,
        now=NOW,
    )


GUIDE_TEXT = ("classification", "arrangement", "proactive_access", "request_how",
              "request_handling", "supervision", "agency_name", "address",
              "office_hours", "phone", "fax")  # fmt: skip


@pytest.fixture
def site(staff, reviewer, department):
    """One row behind every page kind."""
    now = timezone.now()
    column = ColumnFactory(name="政策文件", slug="policy")
    document = DocumentFactory(published=True, title="静态发布的通知", publish_at=now)
    document.columns.add(column)
    InterpretationFactory(policy=document, status=Status.PUBLISHED, publish_at=now)
    PageFactory(slug="about", title="机构概况", status=Status.PUBLISHED, publish_at=now)
    PenaltyFactory(status=Status.PUBLISHED, publish_at=now)
    licence_publish(staff=staff, reviewer=reviewer)
    builtin_registers_ensure()  # as migrated (a transactional test empties tables)
    register = Register.objects.get(slug="spot-checks")
    entry = entry_create(
        register=register, record=spot_row(1), department=staff.department, by=staff
    )
    publish(entry, staff, reviewer)
    Guide.objects.create(
        pk=1, **{name: "示例" for name in GUIDE_TEXT}, email="gk@example.cn",
        updated_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    InspectionPlan.objects.create(
        year=2026, title="2026年度抽查计划", body="计划", department=department,
        author=staff, status=Status.PUBLISHED, publish_at=now,
    )  # fmt: skip
    registry()
    task = make_task(by=staff, department=department, mode="public")
    drawn = run_to_drawn(task, office=reviewer, by=staff)
    inspections.inspection_result_enter(
        inspection=drawn.inspections.first(), result="no_problem", note="",
        checked_on=dt.date(2026, 3, 10), by=staff, now=now,
    )  # fmt: skip
    inspections.results_publish(task=task, by=reviewer, now=now)
    rows = newer_modules(staff=staff, reviewer=reviewer)
    return {"document": document, "column": column, **rows}


@pytest.fixture
def tree(tmp_path, settings):
    out = tmp_path / "site"
    settings.GONGKAI_STATIC_SITE_DIR = str(out)
    settings.GONGKAI_STATIC_SITE_URL = "http://testserver"
    return out
