"""Server-drawn SVG charts: legible on a phone (14-unit text on a 420-unit drawing),
labels fitted and escaped."""

import re

from gongkai.common.charts import bar_chart, line_chart


def _label_column(svg: str) -> float:
    return float(re.search(r'<rect x="([\d.]+)"', svg).group(1))


def test_bar_chart_fits_its_label_column_to_the_longest_label():
    short = bar_chart([("1月", 3), ("12月", 5)], title="每月", top=5)
    long = bar_chart(
        [("不予公开", 3), ("申请人无正当理由逾期不补正", 1)], title="结果", top=3
    )
    assert 'viewBox="0 0 420 ' in short and 'font-size="14"' in short
    assert _label_column(short) < _label_column(long) <= 150
    assert ">申请人无正当理由逾…</text>" in long  # ten characters, the cut marked


def test_bars_are_scaled_to_top_and_text_is_escaped():
    svg = bar_chart([("<b>", 150), ("零", -2)], title='a"b', top=100, unit="%")
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == 420 - _label_column(svg) - 50 and widths[1] == 0
    assert "&lt;b&gt;" in svg and 'aria-label="a&quot;b"' in svg and "150%" in svg


def test_line_chart_marks_the_pass_lines_and_names_its_ends():
    svg = line_chart([("2025-01", 55), ("2026-01", 82)], title="得分")
    assert all(f">{mark}</text>" in svg for mark in (0, 60, 80, 100))
    assert ">2025-01</text>" in svg and ">2026-01</text>" in svg
    assert svg.count("<circle") == 2
