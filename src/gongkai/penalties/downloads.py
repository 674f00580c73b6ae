"""The penalty register as a file: every penalty the filters select, masked as on
the page (presenters.public_list_record), with Chinese headers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from gongkai.common.exports import Column

from .presenters import public_list_record

CHUNK = 2000


def records(penalties: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The public (masked) record of each penalty, as the list page shows it."""
    for p in penalties:
        yield public_list_record(p)


def columns(*, url: Callable[[str], str]) -> list[Column]:
    """Columns after 总局令第45号's summary items, in the order of the list page."""
    return [
        Column("行政处罚决定书文号", lambda r: r["decision_number"]),
        Column("当事人名称", lambda r: r["party_name"]),
        Column("当事人类别", lambda r: r["party_category"]),
        Column("统一社会信用代码", lambda r: r["uscc"]),
        Column("违法行为类型", lambda r: r["violation_type"]),
        Column("处罚类别", lambda r: r["penalty_types"]),
        Column("处罚内容", lambda r: r["content"]),
        Column("罚款金额（万元）", lambda r: r["fine_amount"]),
        Column("处罚决定日期", lambda r: r["decided_on"]),
        Column("公示截止期", lambda r: r["publicity_until"]),
        Column("处罚机关", lambda r: r["authority"]),
        Column("网址", lambda r: url(r["url"])),
    ]
