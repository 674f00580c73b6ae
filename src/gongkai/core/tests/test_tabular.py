"""Reading and writing staff spreadsheets (XLSX and CSV)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.tabular import TableError, read_table, write_csv, write_xlsx


def _rows(table):
    return list(table.rows)


def test_xlsx_round_trip_keeps_physical_row_numbers_and_skips_blank_rows():
    data = write_xlsx(
        ["名称", "日期", "金额"],
        [["甲公司", dt.date(2026, 9, 18), 1.5], [None, None, None], ["乙", None, 2]],
    )
    table = read_table(data, "x.xlsx")
    assert table.headers == ["名称", "日期", "金额"]
    rows = _rows(table)
    assert [n for n, _ in rows] == [2, 4]
    assert rows[0][1][0] == "甲公司"
    assert rows[0][1][1] in (dt.date(2026, 9, 18), dt.datetime(2026, 9, 18))
    assert rows[1][1] == ["乙", None, 2]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_excel_writes(encoding):
    text = "\n\n名称,编号\n 甲公司 ,1\n,\n乙公司,2\n"
    table = read_table(text.encode(encoding), "a.CSV")
    assert table.headers == ["名称", "编号"]
    assert table.header_row == 3
    assert _rows(table) == [(4, ["甲公司", "1"]), (6, ["乙公司", "2"])]


def test_short_rows_are_padded_to_the_header_width():
    table = read_table(b"a,b,c\n1\n", "a.csv")
    assert _rows(table) == [(2, ["1", None, None])]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "表头"),
        (b"abc", "a.pdf", "只支持"),
        (b"not a zip", "a.xlsx", "无法读取"),
        (b"\xff\xfe\x00\x00\x81", "a.csv", "编码"),
    ],
)
def test_unreadable_files_get_a_chinese_message(data, name, message):
    with pytest.raises(TableError, match=message):
        read_table(data, name)


def test_written_cells_that_look_like_formulas_are_escaped():
    out = write_csv(["a"], [["=1+1"], ["-3"], ["ok"]]).decode("utf-8-sig")
    assert out.splitlines() == ["a", "'=1+1", "'-3", "ok"]
    table = read_table(write_xlsx(["a"], [["@x"]]), "a.xlsx")
    assert _rows(table) == [(2, ["'@x"])]
