"""The built-in registers come from a data migration; a transactional test elsewhere
in the session empties the database, so tests here make sure they exist."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _builtin_registers(request: Any) -> None:
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    from gongkai.registers.services import builtin_registers_ensure

    builtin_registers_ensure()
