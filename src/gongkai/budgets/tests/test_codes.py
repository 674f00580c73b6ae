"""The 政府收支分类科目: the service the command line and the workbench page share
(checked whole, refused whole, audited), the editions the system has, the page with
its permission failures, and the command."""

from __future__ import annotations

import json
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.budgets import services
from gongkai.budgets.models import CodeTable
from gongkai.budgets.selectors import DATA, code_editions, codes_for
from gongkai.common.audit import AuditEvent
from gongkai.common.errors import InvalidInputError, PermissionDeniedError

pytestmark = pytest.mark.django_db
PAGE = "/workbench/budgets/codes/"
SHIPPED = (DATA / "codes" / "2019.json").read_bytes()
SMALL = {"function": {"201": "一般公共服务支出", "20138": "市场监督管理事务",
                      "2013801": "行政运行"},
         "economic": {"301": "工资福利支出", "30101": "基本工资"}}  # fmt: skip


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _with(system: str, code: str, name: object = "名称") -> bytes:
    table = json.loads(json.dumps(SMALL))
    table[system][code] = name
    return _json(table)


def _loads() -> int:
    return AuditEvent.objects.filter(action="budget.codes_load").count()


# What each bad file or year is refused with (code, a part of the message).
BAD = {
    "empty": (b"", 2025, "budget.codes_empty", "文件是空的"),
    "blank": (b"  \n ", 2025, "budget.codes_empty", "文件是空的"),
    "too_large": (b" " * (services.MAX_CODES_FILE + 1), 2025,
                  "budget.codes_too_large", "不能超过 2 MB"),
    "not_utf8": ("科目".encode("gbk") + b"\xff", 2025, "budget.codes_not_json",
                 "不是 UTF-8 编码"),
    "xlsx": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff", 2025,
             "budget.codes_not_json", "不是 UTF-8 编码"),
    "not_json": (b'{"function": {"201": "x",}\n', 2025, "budget.codes_not_json",
                 "不是有效的 JSON：第 1 行第 26 列"),
    "deep": (b"[" * 100_000, 2025, "budget.codes_shape", "嵌套层次过深"),
    "deep_objects": (b'{"a":' * 17 + b"1" + b"}" * 17, 2025, "budget.codes_shape",
                     "嵌套层次过深"),
    "list": (b'[{"201": "x"}]', 2025, "budget.codes_invalid", "应为 JSON 对象"),
    "no_function": (_json({"economic": SMALL["economic"]}), 2025,
                    "budget.codes_invalid", "缺少支出功能分类科目"),
    "empty_economic": (_json({**SMALL, "economic": {}}), 2025,
                       "budget.codes_invalid", "缺少支出经济分类科目"),
    "function_4_digits": (_with("function", "2013"), 2025, "budget.codes_invalid",
                          "支出功能分类科目编码“2013”位数不对：应为 3/5/7 位数字"),
    "economic_7_digits": (_with("economic", "3010101"), 2025, "budget.codes_invalid",
                          "支出经济分类科目编码“3010101”位数不对：应为 3/5 位数字"),
    "letters": (_with("function", "20A"), 2025, "budget.codes_invalid", "“20A”位数不对"),
    "full_width": (_with("function", "２０１"), 2025, "budget.codes_invalid",
                   "“２０１”位数不对"),
    "no_name": (_with("function", "206", ""), 2025, "budget.codes_invalid",
                "支出功能分类科目“206”缺少名称"),
    "number_name": (_with("economic", "302", 5), 2025, "budget.codes_invalid",
                    "支出经济分类科目“302”缺少名称"),
    "year_low": (SHIPPED, 1999, "budget.codes_since", "起始年度应为 2000 至 2100"),
    "year_high": (SHIPPED, 2101, "budget.codes_since", "起始年度应为 2000 至 2100"),
}  # fmt: skip


# the service ----------------------------------------------------------------------


def test_load_stores_the_edition_and_records_the_audit_event(admin_user):
    table = services.codes_load(
        since=2025, data=SHIPPED, source="", by=admin_user, file_name="2025.json"
    )
    assert table.since == 2025 and table.loaded_by == admin_user
    assert len(table.data["function"]) == 38 and len(table.data["economic"]) == 61
    assert set(table.data) == {"function", "economic"}
    assert table.source.startswith("财政部《政府收支分类科目》")  # the file's own
    event = AuditEvent.objects.get(action="budget.codes_load")
    assert event.actor == admin_user and event.object_id == str(table.pk)
    assert event.changes == {"since": 2025, "source": table.source,
                             "file": "2025.json", "function": 38, "economic": 61,
                             "replaced": False}  # fmt: skip
    assert codes_for(2026)["since"] == 2025 and codes_for(2024)["since"] == 2019


def test_loading_a_year_again_replaces_that_edition(admin_user):
    services.codes_load(since=2025, data=SHIPPED, source="旧", by=admin_user)
    table = services.codes_load(since=2025, data=_json(SMALL), source=" 财预〔2024〕1号 ",
                                by=admin_user)  # fmt: skip
    assert CodeTable.objects.get() == table
    assert table.source == "财预〔2024〕1号" and len(table.data["function"]) == 3
    events = AuditEvent.objects.filter(action="budget.codes_load").order_by("seq")
    assert [e.changes["replaced"] for e in events] == [False, True]


def test_deep_nesting_is_refused_before_parsing_under_any_recursion_limit(admin_user):
    # A library may raise the limit past what the C stack holds (py_ecc sets
    # 100,000): the parser would then crash the process instead of refusing.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    try:
        with pytest.raises(InvalidInputError, match="嵌套层次过深"):
            services.codes_load(since=2025, data=b"[" * 1_000_000, source="",
                                by=admin_user)  # fmt: skip
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize(("data", "since", "code", "message"), BAD.values(), ids=BAD)
def test_a_bad_file_or_year_is_refused_whole(admin_user, data, since, code, message):
    kept = services.codes_load(since=2025, data=SHIPPED, source="在用", by=admin_user)
    with pytest.raises(InvalidInputError) as caught:
        services.codes_load(since=since, data=data, source="新", by=admin_user)
    assert caught.value.code == code and message in str(caught.value.message)
    assert list(CodeTable.objects.values("since", "source", "data")) == [
        {"since": 2025, "source": "在用", "data": kept.data}
    ]
    assert _loads() == 1


def test_every_problem_is_listed(admin_user):
    bad = _json({"function": {"2": "x", "20": "y", "201": ""}, "economic": []})
    with pytest.raises(InvalidInputError) as caught:
        services.codes_load(since=2025, data=bad, source="", by=admin_user)
    assert "（4 处）" in str(caught.value.message)
    assert [d["message"] for d in caught.value.detail] == [
        "支出功能分类科目编码“2”位数不对：应为 3/5/7 位数字。",
        "支出功能分类科目编码“20”位数不对：应为 3/5/7 位数字。",
        "支出功能分类科目“201”缺少名称。",
        "缺少支出经济分类科目（“economic”，应为 {编码: 名称} 且不为空）。",
    ]


def test_a_failure_after_the_write_leaves_the_old_edition(admin_user, monkeypatch):
    services.codes_load(since=2025, data=SHIPPED, source="在用", by=admin_user)

    def broken(**kwargs: object) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        services.codes_load(since=2025, data=_json(SMALL), source="新", by=admin_user)
    table = CodeTable.objects.get()
    assert table.source == "在用" and len(table.data["function"]) == 38


@pytest.mark.parametrize("who", ["staff", "reviewer", "auditor"])
def test_only_an_administrator_may_load(request, who):
    # The codes check every department's imports: system configuration, as the
    # work calendar's holidays (accounts.permissions.can_configure).
    with pytest.raises(PermissionDeniedError):
        services.codes_load(since=2025, data=SHIPPED, source="",
                            by=request.getfixturevalue(who))  # fmt: skip
    assert not CodeTable.objects.exists()


def test_editions_say_which_applies_to_which_years(admin_user):
    (shipped,) = code_editions(year=2026)
    assert (shipped.since, shipped.loaded_at, shipped.function) == (2019, None, 38)
    assert shipped.in_force and shipped.until is None
    services.codes_load(since=2019, data=_json(SMALL), source="", by=admin_user)
    services.codes_load(since=2025, data=SHIPPED, source="", by=admin_user)
    new, loaded_2019, shipped = code_editions(year=2024)
    assert (new.since, new.until, new.in_force, new.loaded_by) == (
        2025, None, False, str(admin_user)
    )  # fmt: skip
    assert (loaded_2019.since, loaded_2019.until, loaded_2019.in_force) == (
        2019, 2024, True
    )  # fmt: skip
    assert loaded_2019.function == 3 and loaded_2019.loaded_at is not None
    assert shipped.replaced and not shipped.in_force and shipped.until is None
    # the one marked is the one the import checks use
    assert codes_for(2024)["function"] == SMALL["function"]
    assert [e.in_force for e in code_editions(year=2030)] == [True, False, False]


# the workbench page ---------------------------------------------------------------


def _upload(data: bytes, name: str = "codes.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/json")


@pytest.mark.parametrize("method", ["get", "post"])
def test_page_needs_login(client, method):
    response = getattr(client, method)(PAGE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not CodeTable.objects.exists()


@pytest.mark.parametrize("who", ["staff", "reviewer", "auditor"])
def test_other_staff_see_the_editions_but_cannot_load(request, login, who):
    c = login(request.getfixturevalue(who))
    html = c.get(PAGE).content.decode()
    assert "2019 年起" in html and "系统内置" in html and 'type="file"' not in html
    response = c.post(PAGE, {"since": "2025", "file": _upload(SHIPPED)})
    assert response.status_code == 403
    assert not CodeTable.objects.exists() and _loads() == 0


def test_an_administrator_loads_the_codes(login, admin_user):
    user = admin_user
    c = login(user)
    html = c.get(PAGE).content.decode()
    assert 'type="file"' in html and "38 个" in html and "61 个" in html
    assert "财政部《政府收支分类科目》" in html and "2019 年及以后" in html
    response = c.post(PAGE, {"since": "2025", "source": "财预〔2024〕88号",
                             "file": _upload(_json(SMALL))})  # fmt: skip
    assert response.status_code == 302 and response.url == PAGE
    table = CodeTable.objects.get()
    assert (table.since, table.source, table.loaded_by) == (
        2025,
        "财预〔2024〕88号",
        user,
    )
    assert AuditEvent.objects.get(action="budget.codes_load").actor == user
    html = c.get(PAGE).content.decode()
    assert (
        "已导入 2025 年起适用的政府收支分类科目：支出功能分类 3 个，支出经济分类 2 个"
        in html
    )
    assert "2025 年及以后" in html and "2019—2024 年" in html
    assert "财预〔2024〕88号" in html and f"{user} 导入" in html


PAGE_BAD = {
    **{k: BAD[k] for k in ("not_json", "list", "function_4_digits",
                           "economic_7_digits", "no_name", "not_utf8")},
    "empty": (b"", 2025, "", "文件是空的"),
    "too_large": (b" " * (services.MAX_CODES_FILE + 1), 2025, "", "不能超过 2 MB"),
    "year_low": (SHIPPED, 1999, "", "起始年度应为 2000 至 2100"),
    "year_high": (SHIPPED, 2101, "", "起始年度应为 2000 至 2100"),
    "year_text": (SHIPPED, "二〇二五", "", "起始年度应为 2000 至 2100"),
    "year_missing": (SHIPPED, "", "", "起始年度应为 2000 至 2100"),
}  # fmt: skip


@pytest.mark.parametrize(("data", "since", "code", "message"), PAGE_BAD.values(),
                         ids=PAGE_BAD)  # fmt: skip
def test_page_refuses_bad_input_with_a_message(
    login, admin_user, data, since, code, message
):
    c = login(admin_user)
    services.codes_load(since=2025, data=SHIPPED, source="在用", by=admin_user)
    response = c.post(PAGE, {"since": since, "file": _upload(data)})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "未导入，请按下面的提示修改后重新上传" in html
    table = CodeTable.objects.get()
    assert table.source == "在用" and len(table.data["function"]) == 38
    assert _loads() == 1


def test_page_lists_every_problem_and_asks_for_a_file(login, admin_user):
    c = login(admin_user)
    bad = _json({"function": {"2": "x", "20": "y"}, "economic": SMALL["economic"]})
    html = c.post(PAGE, {"since": "2025", "file": _upload(bad)}).content.decode()
    assert "问题清单" in html and "“2”位数不对" in html and "“20”位数不对" in html
    html = c.post(PAGE, {"since": "2025"}).content.decode()
    assert "请选择科目表文件" in html
    assert not CodeTable.objects.exists()


def test_set_list_links_to_the_codes_page(login, admin_user):
    html = login(admin_user).get("/workbench/budgets/").content.decode()
    assert f'href="{PAGE}"' in html


def test_page_has_a_query_ceiling(login, admin_user, django_assert_max_num_queries):
    for since in (2020, 2021, 2022, 2023, 2024):
        services.codes_load(since=since, data=SHIPPED, source="", by=admin_user)
    c = login(admin_user)
    with django_assert_max_num_queries(8):
        assert c.get(PAGE).status_code == 200


# the command ----------------------------------------------------------------------


def test_command_loads_through_the_same_service(tmp_path, capsys):
    path = tmp_path / "2025.json"
    path.write_bytes(SHIPPED)
    call_command("budgets", "codes", str(path), "--since", "2025", "--source", "财预")
    assert "已导入 2025 年起适用的政府收支分类科目：功能分类 38 个，经济分类 61 个" in (
        capsys.readouterr().out
    )
    table = CodeTable.objects.get()
    assert table.source == "财预" and table.loaded_by is None
    event = AuditEvent.objects.get(action="budget.codes_load")
    assert event.actor is None and event.changes["file"] == "2025.json"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.json", _with("function", "2013"), "未导入"),
    ("bad.json", b"", "文件是空的"),
    ("missing.json", None, "无法读取科目表"),
])  # fmt: skip
def test_command_refuses_whole(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("budgets", "codes", str(path), "--since", "2025")
    assert not CodeTable.objects.exists()
