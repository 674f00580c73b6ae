"""The accessibility check every browser test runs (axe-core through Playwright)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe


def audit(page: Any, name: str) -> None:
    """No axe-core violation on ``page`` once it has loaded: its style sheets
    applied, since axe reads computed colours (a button not yet styled failed the
    contrast check when a loaded machine was slow to apply them)."""
    page.wait_for_load_state("load")
    results = Axe().run(page)
    assert results.response["passes"], f"{name}: axe-core did not run"
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"
