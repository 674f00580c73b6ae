"""A table set definition that is not one is refused with where and why: a missing
or mistyped item, or a table, row or column it names and does not have (which
would otherwise fail on a public page or in the middle of an import)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from gongkai.budgets import tableset_rules
from gongkai.budgets.choices import Kind
from gongkai.budgets.selectors import DATA
from gongkai.budgets.tableset_rules import (
    KINDS,
    TableSetError,
    tableset_from_dict,
    tableset_parse,
)
from gongkai.budgets.tests.test_rules import TINY


def _tiny(change: Callable[[dict[str, Any]], Any]) -> Any:
    """TINY changed in place by ``change``, or what ``change`` makes of it."""
    data = copy.deepcopy(TINY)
    changed = change(data)
    return data if changed is None else changed


def _drop(key: str, table: int | None = None) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        (data if table is None else data["tables"][table]).pop(key)

    return change


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.__setitem__(key, value)


def _table(index: int, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["tables"][index].__setitem__(key, value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: [d], "顶层应为对象"),
        (_drop("key"), "缺少“key”"),
        (_set("title", 5), "“title”应为文字"),
        (_set("since", True), "“since”应为整数"),
        (_set("since", "二〇二〇"), "“since”应为整数"),
        (_set("tables", {"a": {}}), "“tables”应为数组"),
        (_set("tables", []), "“tables”中没有表"),
        (_set("tables", ["a"]), "“tables”的第 1 项应为对象"),
        (_table(0, "rows", "other"),
         "第 1 张表（a）“rows”应为 function、economic 或 fixed"),
        (_drop("columns", table=1), "第 2 张表（s）缺少“columns”"),
        (lambda d: d["tables"][0]["column_sums"][0]["parts"].append("x"),
         "第 1 张表（a）列的合计用到了没有的列“x”"),
        (lambda d: d["tables"][1]["fixed_rows"][2]["sum_of"].append("z"),
         "第 2 张表（s）“t”行用到了没有的固定行“z”"),
        (lambda d: d["agreements"][0].__setitem__("left", "s.t"),
         "表间核对“总表与支出表”“s.t”应写作“表.行.列”"),
        (lambda d: d["agreements"][0].__setitem__("right", ["q.total.total"]),
         "引用的表样中没有“q”表"),
        (lambda d: d["agreements"][0].__setitem__("left", "s.t.zz"),
         "“s.t.zz”中“s”表没有“zz”列"),
        (_set("kind", "预算"), "“kind”应为 budget 或 final"),
        (_table(1, "columns", []), "第 2 张表（s）“columns”中没有列"),
        (lambda d: d["agreements"][0].__setitem__("right", 5),
         "表间核对“总表与支出表”“right”应为数组"),
        (_set("charts", ["a"]), "“charts”应为对象"),
        (_set("charts", {"spending": ["a"]}), "图表“spending”应为文字"),
        (_set("charts", {"three_public": {"table": "a"}}),
         "图表“three_public”缺少“row”"),
        (_set("charts", {"spending": "b"}), "图表“spending”引用的表样中没有“b”表"),
        (_set("budget_link", [{"table": "q", "row": "r", "budget_table": "b7",
                               "budget_row": "r", "label": "l"}]),
         "与预算的核对引用的表样中没有“q”表"),
    ],
)  # fmt: skip
def test_a_definition_that_is_not_a_table_set_is_refused_saying_where(change, reason):
    with pytest.raises(TableSetError) as refused:
        tableset_from_dict(_tiny(change))
    assert reason in str(refused.value)


def test_the_kinds_are_those_of_the_model():
    assert tuple(Kind.values) == KINDS


@pytest.mark.parametrize("error", [KeyError("x"), TypeError("x"), AttributeError("x")])
def test_a_shape_no_check_foresaw_is_still_a_reason(monkeypatch, error):
    # Whatever the reading of a definition raises is the file's fault and is
    # reported as such, never a failure of the page that reads the sets.
    def unforeseen(data: Any) -> Any:
        raise error

    monkeypatch.setattr(tableset_rules, "tableset_from_dict", unforeseen)
    with pytest.raises(TableSetError, match="不是一套表样的定义"):
        tableset_parse(b"{}")


def test_a_year_written_as_digits_is_still_a_year():
    assert tableset_from_dict(_tiny(_set("since", "2021"))).since == 2021


@pytest.mark.parametrize("path", sorted((DATA / "tablesets").glob("*.json")))
def test_every_shipped_file_is_a_table_set(path):
    assert tableset_parse(path.read_bytes()).key == path.stem


@pytest.mark.parametrize("path", sorted((DATA / "tablesets").glob("*.json"))[:1])
def test_a_file_saved_with_a_bom_is_read(path):
    """Windows Notepad saves UTF-8 with a byte order mark."""
    with_bom = b"\xef\xbb\xbf" + path.read_bytes()
    assert tableset_parse(with_bom) == tableset_parse(path.read_bytes())
