"""Table set files an operator puts in ``GONGKAI_BUDGET_TABLESET_DIRS``: a broken one
is skipped (the shipped and the other valid sets serve every page), logged, shown to
staff and reported by ``gongkai check``; a fixed one is used without a restart."""

from __future__ import annotations

import json
import logging
import os
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from gongkai.budgets import selectors
from gongkai.budgets.choices import Kind
from gongkai.budgets.selectors import DATA, tablesets

SHIPPED = {"national-budget", "national-final", "sichuan-final"}
BASE = "/workbench/budgets/"


def _shipped(key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (DATA / "tablesets" / f"{key}.json").read_text("utf-8")
    )
    return data


def _own_budget_set(title: str = "本省部门支出表") -> dict[str, Any]:
    """The national budget set with another title for its expenditure table (b3)."""
    own = _shipped("national-budget")
    next(t for t in own["tables"] if t["key"] == "b3")["title"] = title
    return own


def _utf8(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _without(key: str) -> dict[str, Any]:
    own = _shipped("national-final")
    del own[key]
    return own


def _chart_of(table: str) -> dict[str, Any]:
    own = _shipped("national-final")
    own["charts"]["spending"] = table
    return own


BROKEN = [
    pytest.param(b'{"key": "own", "tables": [', "JSON 格式错误", id="syntax error"),
    pytest.param(("[" * 65 + "]" * 65).encode(), "嵌套层次过深", id="65 nested arrays"),
    pytest.param(
        ('{"tables":' * 5_000 + "1" + "}" * 5_000).encode(),
        "嵌套层次过深",
        id="5,000 nested objects",
    ),
    pytest.param(b"[" * 100_000, "嵌套层次过深", id="100,000 arrays"),
    pytest.param(b'["national-final"]', "顶层应为对象", id="a list, not a set"),
    pytest.param(_utf8(_without("tables")), "缺少“tables”", id="no tables"),
    pytest.param(
        _utf8({**_shipped("national-final"), "since": "去年"}),
        "“since”应为整数",
        id="a year in words",
    ),
    pytest.param(_utf8(_chart_of("f99")), "没有“f99”表", id="a chart of no table"),
    pytest.param(
        json.dumps(_own_budget_set(), ensure_ascii=False).encode("gbk"),
        "不是 UTF-8 编码",
        id="GBK, not UTF-8",
    ),
    pytest.param(b"", "文件是空的", id="empty file"),
    pytest.param(b" \r\n", "文件是空的", id="white space only"),
]


def _configure(settings: Any, folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    settings.GONGKAI_BUDGET_TABLESET_DIRS = [str(folder)]


def _touch_later(path: Path) -> None:
    """A new modification time, whatever the file system's clock granularity."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize(("data", "reason"), BROKEN)
def test_a_broken_file_is_skipped_logged_and_reported_by_the_check(
    settings, tmp_path, caplog, data, reason
):
    _configure(settings, tmp_path, {"broken.json": data})
    path = tmp_path / "broken.json"
    with caplog.at_level(logging.ERROR, logger="gongkai.budgets.selectors"):
        assert {t.key for t in tablesets()} == SHIPPED
    [problem] = selectors.tableset_problems()
    assert problem.path == path and reason in problem.reason
    [logged] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert str(path) in logged.getMessage() and reason in logged.getMessage()
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "budgets.E001" in str(refused.value)
    assert str(path) in str(refused.value) and reason in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "reason"), BROKEN)
def test_pages_stay_up_on_the_valid_sets_beside_a_broken_file(
    settings, tmp_path, client, login, staff, publish_set, data, reason
):
    budget_set = publish_set(2025)
    publish_set(2025, Kind.FINAL)  # its charts read the final set too
    _configure(
        settings, tmp_path, {"broken.json": data, "own.json": _utf8(_own_budget_set())}
    )
    api = f"/api/v1/budgets/{budget_set.pk}/"
    for url in ("/budgets/", "/budgets/?year=2025", "/api/v1/budgets/", api):
        assert client.get(url).status_code == 200, url
    page = client.get("/budgets/2025/budget/")
    assert page.status_code == 200 and "本省部门支出表" in page.content.decode()
    c = login(staff)
    page = c.get(BASE)
    html = page.content.decode()
    assert page.status_code == 200
    assert "以下表样文件有误，没有使用" in html
    assert "broken.json" in html and reason in html
    assert str(tmp_path) not in html  # the server's folders are the operator's
    assert c.get(BASE + "template/?kind=budget&year=2025").status_code == 200


@pytest.mark.django_db
def test_the_staff_page_says_nothing_when_every_file_is_valid(
    settings, tmp_path, login, staff
):
    _configure(settings, tmp_path, {"own.json": _utf8(_own_budget_set())})
    html = login(staff).get(BASE).content.decode()
    assert "表样文件" not in html


def test_a_fixed_file_is_used_without_a_restart(settings, tmp_path):
    _configure(settings, tmp_path, {"own.json": b'{"key": '})
    path = tmp_path / "own.json"
    assert {t.key for t in tablesets()} == SHIPPED
    assert [p.path for p in selectors.tableset_problems()] == [path]

    def titles() -> str:
        return selectors.tableset_get("national-budget").table("b3").title

    path.write_bytes(_utf8(_own_budget_set("本省支出表甲")))
    _touch_later(path)
    assert titles() == "本省支出表甲" and selectors.tableset_problems() == []
    # Rewritten with as many bytes: the new modification time tells.
    path.write_bytes(_utf8(_own_budget_set("本省支出表乙")))
    _touch_later(path)
    assert titles() == "本省支出表乙"
    # Broken again: the shipped set is back until it is fixed.
    path.write_bytes(b"")
    _touch_later(path)
    assert titles() == _shipped("national-budget")["tables"][2]["title"]
    assert [p.path for p in selectors.tableset_problems()] == [path]
    # Removed: nothing to report.
    path.unlink()
    assert selectors.tableset_problems() == []


def test_the_files_are_read_once_until_one_changes(settings, tmp_path, monkeypatch):
    _configure(settings, tmp_path, {"own.json": _utf8(_own_budget_set())})
    parsed: list[bytes] = []
    original = selectors.tableset_parse

    def counted(data: bytes) -> Any:
        parsed.append(data)
        return original(data)

    monkeypatch.setattr(selectors, "tableset_parse", counted)
    for _ in range(3):
        selectors.tableset_for(Kind.BUDGET, 2025)
    assert len(parsed) == 4  # the three shipped sets and the operator's, once
    (tmp_path / "second.json").write_bytes(b"{}")
    tablesets()
    assert len(parsed) == 4 + 5  # a new file: all five read again


def test_the_check_warns_of_a_configured_folder_that_is_missing(settings, tmp_path):
    settings.GONGKAI_BUDGET_TABLESET_DIRS = [str(tmp_path / "nowhere")]
    out = selectors.tableset_problems()
    assert out == []
    err = StringIO()
    call_command("check", stderr=err, stdout=err)
    assert "budgets.W001" in err.getvalue() and "nowhere" in err.getvalue()


def test_two_operator_files_with_one_key_use_the_first_and_report_the_second(
    settings, tmp_path
):
    # Either replaces the shipped set of its key; the second is reported, not
    # silently used over the first.
    _configure(
        settings,
        tmp_path,
        {
            "a.json": _utf8(_own_budget_set("本省支出表甲")),
            "b.json": _utf8(_own_budget_set("本省支出表乙")),
        },
    )
    assert selectors.tableset_get("national-budget").table("b3").title == "本省支出表甲"
    [problem] = selectors.tableset_problems()
    assert problem.path == tmp_path / "b.json"
    assert "a.json" in problem.reason and "national-budget" in problem.reason
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "budgets.E001" in str(refused.value) and "b.json" in str(refused.value)


@pytest.mark.django_db
def test_an_edited_file_reaches_cached_pages_by_the_worker_schedule(
    settings, tmp_path, client, publish_set
):
    from gongkai.publishing.static import static_tick

    publish_set(2025)
    _configure(settings, tmp_path, {"own.json": _utf8(_own_budget_set("本省支出表甲"))})
    url = "/budgets/2025/budget/"
    assert "本省支出表甲" in client.get(url).content.decode()
    path = tmp_path / "own.json"
    path.write_bytes(_utf8(_own_budget_set("本省支出表乙")))
    _touch_later(path)
    # Answered from the page cache: no budgets code runs to notice the change.
    assert "本省支出表甲" in client.get(url).content.decode()
    static_tick.call()  # the worker's schedule, at least hourly
    assert "本省支出表乙" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_files_are_compared_once_per_change_and_first_only_recorded(
    settings, tmp_path, django_assert_num_queries
):
    from gongkai.budgets import services
    from gongkai.budgets.models import TableSetState
    from gongkai.publishing.models import PageTag

    _configure(settings, tmp_path, {"own.json": _utf8(_own_budget_set())})
    assert services.tablesets_changed_mark() is False  # recorded, nothing marked
    assert TableSetState.objects.get().digest == selectors.tablesets_digest()
    assert not PageTag.objects.filter(tag=services.TABLESETS_TAG).exists()
    with django_assert_num_queries(0):
        assert services.tablesets_changed_mark() is False
    (tmp_path / "more.json").write_bytes(_utf8(_shipped("sichuan-final")))
    assert services.tablesets_changed_mark() is True
    assert PageTag.objects.filter(tag=services.TABLESETS_TAG).exists()
    # Another process, or a restart, compares once and finds it recorded.
    services._compared.clear()
    assert services.tablesets_changed_mark() is False
    # A file touched but not changed: read again, the same contents.
    _touch_later(tmp_path / "more.json")
    assert services.tablesets_changed_mark() is False
