"""Pre-publication checks: personal data and sensitive words, with exact spans per field."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.publishing.checks import review_checks, sensitive_matcher
from gongkai.publishing.models import SensitiveWord
from gongkai.publishing.tests.factories import PageFactory, SensitiveWordFactory

pytestmark = pytest.mark.django_db


def test_clean_page_has_no_findings() -> None:
    report = review_checks(
        PageFactory(title="公开指南", summary="概述", body="<p>正文</p>")
    )

    assert (report.blocks, report.warnings, report.blocking_words) == (False, {}, {})
    assert report.as_detail() == {"personal_data": {}, "sensitive_words": {}}


def test_findings_are_reported_per_field_with_exact_spans() -> None:
    SensitiveWordFactory(word="绝密", level="block")
    SensitiveWordFactory(word="最好", level="warn")
    page = PageFactory(
        title="最好的答复",
        summary="联系邮箱 li.ming@example.com",
        body="<p>绝密：身份证11010519491231002X</p>",
    )

    report = review_checks(page)

    assert report.as_detail() == {
        "personal_data": {
            "summary": [
                {"kind": "email", "start": 5, "end": 24, "value": "li.ming@example.com"}
            ],
            "body": [
                {
                    "kind": "id_number",
                    "start": 9,
                    "end": 27,
                    "value": "11010519491231002X",
                }
            ],
        },
        "sensitive_words": {
            "title": [{"word": "最好", "start": 0, "end": 2, "level": "warn"}],
            "body": [{"word": "绝密", "start": 3, "end": 5, "level": "block"}],
        },
    }
    assert report.blocks is True
    assert list(report.warnings) == ["title"]
    assert list(report.blocking_words) == ["body"]


def test_warnings_alone_do_not_block() -> None:
    SensitiveWordFactory(word="最好", level="warn")

    report = review_checks(PageFactory(body="<p>最好</p>"))

    assert report.blocks is False
    assert [m.word for m in report.warnings["body"]] == ["最好"]


def test_a_field_with_both_levels_splits_them() -> None:
    SensitiveWordFactory(word="内部", level="block")
    SensitiveWordFactory(word="内部资料", level="warn")

    report = review_checks(PageFactory(body="内部资料"))

    assert [(m.word, m.level) for m in report.blocking_words["body"]] == [
        ("内部", "block")
    ]
    assert [(m.word, m.level) for m in report.warnings["body"]] == [
        ("内部资料", "warn")
    ]


def test_full_width_personal_data_is_found_on_the_original_text() -> None:
    body = "电话：１３８１２３４５６７８。"

    report = review_checks(PageFactory(body=body))

    finding = report.personal["body"][0]
    assert (finding.kind, finding.start, finding.end) == ("mobile", 3, 14)
    assert (
        body[finding.start : finding.end] == finding.value == "１３８１２３４５６７８"
    )


def test_word_matching_ignores_ascii_case_and_width() -> None:
    SensitiveWordFactory(word="VIP", level="warn")

    report = review_checks(PageFactory(title="ｖｉｐ 通道", body="vip"))

    assert [(m.start, m.end) for m in report.words["title"]] == [(0, 3)]
    assert [(m.start, m.end) for m in report.words["body"]] == [(0, 3)]


def test_matcher_follows_the_word_list_at_once() -> None:
    assert sensitive_matcher().find("禁止外传") == []

    word = SensitiveWordFactory(word="外传", level="warn")
    assert [(m.word, m.level) for m in sensitive_matcher().find("禁止外传")] == [
        ("外传", "warn")
    ]

    word.level = "block"
    word.save()
    assert [m.level for m in sensitive_matcher().find("禁止外传")] == ["block"]

    SensitiveWord.objects.filter(pk=word.pk).delete()
    assert sensitive_matcher().find("禁止外传") == []


def test_reviewed_fields_are_the_pages_title_summary_and_body(staff: Any) -> None:
    page = PageFactory(
        title="T", summary="S", body="B", slug="never-scanned-13812345678"
    )

    assert page.review_text() == {"title": "T", "summary": "S", "body": "B"}
    assert review_checks(page).personal == {}
