"""Permission predicates of the budgets app.

Loading the 政府收支分类科目 follows the rule of importing a set: whoever may import
a department's budget workbook (``can_edit_content`` with no object: department
staff, the openness office, administrators) may load the year's codes; auditors
read only.
"""

from __future__ import annotations

from typing import Any

from gongkai.accounts.permissions import can_edit_content


def can_load_codes(user: Any) -> bool:
    """Who may load an edition of the classification codes (page and service)."""
    return can_edit_content(user, None)
