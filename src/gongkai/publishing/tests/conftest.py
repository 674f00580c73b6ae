"""Fixtures of the publishing tests."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.publishing import services
from gongkai.publishing.models import Page

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
