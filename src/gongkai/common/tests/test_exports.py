"""Streamed whole-list downloads: CSV and XLSX pieces, cells, file names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from gongkai.common import exports
from gongkai.common.exports import Column, csv_chunks, download_response, xlsx_chunks

COLUMNS = [
    Column("名称", lambda r: r[0]),
    Column("金额", lambda r: r[1]),
    Column("日期", lambda r: r[2]),
]
ROWS = [
    ("福州星光电线电缆有限公司", 5, dt.date(2026, 11, 24)),
    ('=HYPERLINK("http://x")', 0.2, None),
    ("换行\n与<尖括号>&符号\x07", None, dt.date(2017, 5, 27)),
]


def test_csv_has_bom_chinese_header_and_every_row():
    data = b"".join(csv_chunks(COLUMNS, iter(ROWS))).decode("utf-8")
    assert data.startswith("\ufeff名称,金额,日期")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert len(rows) == 4
    assert rows[1] == ["福州星光电线电缆有限公司", "5", "2026-11-24"]
    assert rows[2][0].startswith("'=")  # formula injection defused
    assert rows[2][2] == "" and rows[3][0].startswith("换行\n")


def test_csv_comes_in_pieces_for_a_long_list():
    rows = ((f"企业{n}", n, None) for n in range(20000))
    pieces = list(csv_chunks(COLUMNS, rows))
    assert len(pieces) > 3
    assert b"".join(pieces).count(b"\n") == 20001


def test_xlsx_reads_back_with_types_and_escaped_text():
    data = b"".join(xlsx_chunks(COLUMNS, iter(ROWS)))
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "数据"
    assert values[0] == ("名称", "金额", "日期")
    assert values[1] == ("福州星光电线电缆有限公司", 5, "2026-11-24")
    assert values[2][0].startswith("'=") and values[2][1] == 0.2
    assert values[3][0] == "换行\n与<尖括号>&符号"  # the control character is dropped
    assert sheet["A1"].font.b


def test_xlsx_of_no_rows_still_has_its_header():
    book = load_workbook(io.BytesIO(b"".join(xlsx_chunks(COLUMNS, iter([])))))
    assert list(book.active.iter_rows(values_only=True)) == [("名称", "金额", "日期")]


def test_xlsx_starts_a_second_sheet_past_the_sheet_limit(monkeypatch):
    monkeypatch.setattr(exports, "SHEET_ROWS", 3)
    rows = [(f"企业{n}", n, None) for n in range(5)]
    data = b"".join(xlsx_chunks(COLUMNS, iter(rows)))
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["数据", "数据2"]
    first, second = (list(s.iter_rows(values_only=True)) for s in book.worksheets)
    assert len(first) == 4 and len(second) == 3  # 3 + 2 rows, each under a header
    assert second[0] == ("名称", "金额", "日期") and second[-1][0] == "企业4"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_response_is_streamed_with_a_dated_chinese_file_name(fmt):
    response = download_response(
        fmt=fmt,
        columns=COLUMNS,
        rows=iter(ROWS),
        name="行政处罚公示",
        ascii_name="penalties",
        on=dt.date(2026, 12, 6),
    )
    assert response.streaming
    disposition = response["Content-Disposition"]
    assert f'filename="penalties-2026-12-06.{fmt}"' in disposition
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == f"行政处罚公示-2026-12-06.{fmt}"
    assert b"".join(response.streaming_content)
