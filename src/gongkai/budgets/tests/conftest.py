from __future__ import annotations

from typing import Any

import pytest

from gongkai.budgets.choices import Kind

from .factories import published_set


@pytest.fixture
def publish_set(staff: Any, reviewer: Any) -> Any:
    """Import, explain, approve (批复) and publish the demo set of a year."""

    def _publish(year: int, kind: str = Kind.BUDGET) -> Any:
        return published_set(staff=staff, reviewer=reviewer, year=year, kind=kind)

    return _publish
