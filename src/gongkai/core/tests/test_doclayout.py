"""GB/T 9704 closing block: which paragraphs are the signature, date, addressee."""

from __future__ import annotations

import pytest

from gongkai.core.doclayout import mark


def _p(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # the usual closing block, then the 附注 (stays in the body's layout)
            _p(
                "各设区市局：",
                "现将有关事项通知如下。",
                "福建省质量技术监督局",
                "2026年11月11日",
                "（此件主动公开）",
            ),
            '<p class="doc-addressee">各设区市局：</p><p>现将有关事项通知如下。</p>'
            '<p class="doc-signer">福建省质量技术监督局</p><p class="doc-date">2026年11月11日</p>'
            "<p>（此件主动公开）</p>",
        ),
        (  # two organs signing jointly; the date in Chinese numerals
            _p(
                "正文。",
                "福建省质量技术监督局",
                "福建省财政厅",
                "二〇一七年五月二十七日",
            ),
            '<p>正文。</p><p class="doc-signer">福建省质量技术监督局</p>'
            '<p class="doc-signer">福建省财政厅</p><p class="doc-date">二〇一七年五月二十七日</p>',
        ),
        (  # a sentence above the date is body text, not a signature
            _p("正文。", "请于2026年12月11日前报送。", "2026年12月1日"),
            '<p>正文。</p><p>请于2026年12月11日前报送。</p><p class="doc-date">2026年12月1日</p>',
        ),
        (  # a date inside a sentence is not the 成文日期; a long colon line is body
            _p("依照本办法，自2026年1月1日起施行：", "第一条"),
            _p("依照本办法，自2026年1月1日起施行：", "第一条"),
        ),
        ("<p>只有一段</p>", "<p>只有一段</p>"),
        ("", ""),
        ('<p class="x">2026年1月1日</p>', '<p class="x">2026年1月1日</p>'),  # not plain
    ],
)
def test_mark(body, expected):
    assert mark(body) == expected


def test_signer_lines_stop_at_three_and_at_an_empty_line():
    body = _p("正文。", "甲局", "乙局", "丙局", "丁局", "2026年1月5日")
    marked = mark(body)
    assert marked.count("doc-signer") == 3 and "<p>甲局</p>" in marked
    body = _p("正文。", "", "2026年1月5日")
    assert "doc-signer" not in mark(body)
