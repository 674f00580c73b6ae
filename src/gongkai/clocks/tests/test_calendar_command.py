"""``gongkai calendar import FILE`` (CSV and JSON) and ``gongkai calendar show YEAR``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.clocks.importing import parse_calendar_text
from gongkai.clocks.models import CalendarYear, Clock, HolidayDay
from gongkai.clocks.tests.factories import ClockFactory
from gongkai.common.models import AuditEvent

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date

pytestmark = pytest.mark.django_db

CSV_2027 = (
    "date,kind,name\n2027-01-01,off,元旦\n2027-02-06,work,春节\n2027-02-08,off,春节\n"
)
ROWS_2027 = [
    (D(2027, 1, 1), "off", "元旦"),
    (D(2027, 2, 6), "work", "春节"),
    (D(2027, 2, 8), "off", "春节"),
]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def _error(*args: str) -> str:
    with pytest.raises(CommandError) as excinfo:
        _run(*args)
    return str(excinfo.value)


def _days(year: int) -> list[tuple[D, str, str]]:
    return list(
        HolidayDay.objects.filter(day__year=year)
        .order_by("day")
        .values_list("day", "kind", "name")
    )


def test_import_csv(tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")

    out = _run("import", str(path))

    assert out == "2027: 3 days imported; open clocks recomputed.\n"
    assert _days(2027) == ROWS_2027
    assert CalendarYear.objects.get(year=2027).source == "2027.csv"
    event = AuditEvent.objects.get(action="calendar.year_set")
    assert (event.actor_id, event.actor_name, event.changes["days_after"]) == (
        None,
        "系统",
        3,
    )


def test_import_csv_with_bom_spaces_and_a_source(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "\ufeffdate,kind,name\n 2027-01-01 , off , 元旦 \n", encoding="utf-8"
    )

    _run("import", str(path), "--source", "国办发明电〔2026〕1号")

    assert _days(2027) == [(D(2027, 1, 1), "off", "元旦")]
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"


def test_import_json_object(tmp_path: Path) -> None:
    path = tmp_path / "2027.json"
    path.write_text(
        json.dumps(
            {
                "year": 2027,
                "source": "国办发明电〔2026〕1号",
                "days": [
                    {"date": d.isoformat(), "kind": k, "name": n}
                    for d, k, n in ROWS_2027
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    out = _run("import", str(path))

    assert out == "2027: 3 days imported; open clocks recomputed.\n"
    assert _days(2027) == ROWS_2027
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"


def test_import_json_list_of_years(tmp_path: Path) -> None:
    path = tmp_path / "years.json"
    path.write_text(
        json.dumps(
            [
                {
                    "year": 2027,
                    "days": [{"date": "2027-01-01", "kind": "off", "name": "元旦"}],
                },
                {"year": 2028, "days": []},
            ]
        ),
        encoding="utf-8",
    )

    out = _run("import", str(path))

    assert out == (
        "2027: 1 days imported; open clocks recomputed.\n"
        "2028: 0 days imported; open clocks recomputed.\n"
    )
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2027, 2028]


def test_import_replaces_the_year(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(CSV_2027, encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("date,kind,name\n2027-10-01,off,国庆节\n", encoding="utf-8")

    _run("import", str(first))
    _run("import", str(second))

    assert _days(2027) == [(D(2027, 10, 1), "off", "国庆节")]
    assert CalendarYear.objects.get(year=2027).source == "b.csv"


def test_import_recomputes_open_clocks(
    tmp_path: Path, django_capture_on_commit_callbacks: object
) -> None:
    clock = ClockFactory(
        rule_key="foi.reply", at=dt.datetime(2026, 12, 10, 9, tzinfo=SHANGHAI)
    )
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        _run("import", str(path))

    stored = Clock.objects.get(pk=clock.pk)
    assert (stored.provisional, stored.due_at) == (
        False,
        dt.datetime(2027, 1, 9, 0, 0, tzinfo=SHANGHAI),
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.csv",
            "date,kind,name\n2027-01-01,off,元旦\n2027-02-30,off,春节\n",
            "第 3 行日期无效：'2027-02-30'",
        ),
        (
            "blank-line.csv",
            "date,kind,name\n2027-01-01,off,元旦\n\n27/02/08,off,春节\n",
            "第 4 行日期无效：'27/02/08'",
        ),
        ("empty-date.csv", "date,kind,name\n,off,元旦\n", "第 2 行日期无效：''"),
        (
            "no-header.csv",
            "2027-01-01,off,元旦\n",
            "CSV 第 1 行必须是表头 date,kind,name",
        ),
        (
            "bad.json",
            '{"year": 2027, "days": [{"date": "2027-01-01", "kind": "off"},'
            ' {"date": "2027-13-01", "kind": "off"}]}',
            "第 2 项日期无效",
        ),
        ("broken.json", '{"year": 2027, "days": [', "JSON 格式错误（第 1 行）"),
    ],
)
def test_import_bad_file_names_the_line_and_imports_nothing(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    error = _error("import", str(path))

    assert error.startswith(f"无法读取 {path}：")
    assert message in error
    assert HolidayDay.objects.count() == 0
    assert CalendarYear.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "date,kind,name\n2027-01-01,holiday,元旦\n",
            "2027 年：类型必须是 off（放假）或 work",
        ),
        ("date,kind,name\n2027-01-04,work,调休\n", "2027 年：2027-01-04 是工作日"),
        (
            "date,kind,name\n2027-01-01,off,元旦\n2027-01-01,off,元旦\n",
            "2027 年：同一日期出现多次",
        ),
    ],
)
def test_import_refused_by_the_service_names_the_year(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")

    assert message in _error("import", str(path))
    assert HolidayDay.objects.count() == 0


def test_import_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing.csv"

    assert _error("import", str(path)) == f"文件不存在：{path}"


SHOW_2026 = """2026 已公布
2026-01-01 放假 元旦
2026-01-02 放假 元旦
2026-01-04 调休上班 元旦
2026-02-14 调休上班 春节
2026-02-16 放假 春节
2026-02-17 放假 春节
2026-02-18 放假 春节
2026-02-19 放假 春节
2026-02-20 放假 春节
2026-02-23 放假 春节
2026-02-28 调休上班 春节
2026-04-06 放假 清明
2026-05-01 放假 劳动节
2026-05-04 放假 劳动节
2026-05-05 放假 劳动节
2026-05-09 调休上班 劳动节
2026-06-19 放假 端午
2026-09-20 调休上班 国庆节
2026-09-25 放假 中秋
2026-10-01 放假 国庆节
2026-10-02 放假 国庆节
2026-10-05 放假 国庆节
2026-10-06 放假 国庆节
2026-10-07 放假 国庆节
2026-10-10 调休上班 国庆节
"""


def test_show_2026_lists_weekday_holidays_and_worked_weekends() -> None:
    assert _run("show", "2026") == SHOW_2026


def test_show_an_unannounced_year() -> None:
    # the days off fixed by 《全国年节及纪念日放假办法》 on weekdays; 调休 unknown
    assert _run("show", "2030") == (
        "2030 未公布（已计入法定节假日，调休未知，结果为暂定）\n"
        "2030-01-01 放假 元旦\n"
        "2030-02-04 放假 春节\n"
        "2030-02-05 放假 春节\n"
        "2030-04-05 放假 清明节\n"
        "2030-05-01 放假 劳动节\n"
        "2030-05-02 放假 劳动节\n"
        "2030-06-05 放假 端午节\n"
        "2030-09-12 放假 中秋节\n"
        "2030-10-01 放假 国庆节\n"
        "2030-10-02 放假 国庆节\n"
        "2030-10-03 放假 国庆节\n"
    )


def test_show_a_year_after_import(tmp_path: Path) -> None:
    path = tmp_path / "2027.csv"
    path.write_text(CSV_2027, encoding="utf-8")
    _run("import", str(path))

    assert _run("show", "2027") == (
        "2027 已公布\n2027-01-01 放假 元旦\n2027-02-06 调休上班 春节\n2027-02-08 放假 春节\n"
    )


def test_a_json_calendar_nested_too_deep_is_refused_with_a_message():
    with pytest.raises(ValueError, match="JSON 格式错误（第 1 行）：嵌套层次过深"):
        parse_calendar_text("[" * 100_000, json_format=True)
