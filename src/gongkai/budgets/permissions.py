"""Permission predicates of the budgets app.

Loading the 政府收支分类科目 is system configuration: the codes check every
department's budget imports, so only administrators load them (as the work
calendar's holidays, ``can_configure``); other staff see which editions apply.
"""

from __future__ import annotations

from typing import Any

from gongkai.accounts.permissions import can_configure


def can_load_codes(user: Any) -> bool:
    """Who may load an edition of the classification codes (page and service)."""
    return can_configure(user)
