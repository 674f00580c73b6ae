"""Table 2 第二十条第（一）项 from the catalogue (documents.report_figures), the
validity period of 行政规范性文件 and their evaluation list (RULES.md §2.2, §9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.common.figures import TABLE2, providers
from gongkai.documents import rules
from gongkai.documents.models import Document
from gongkai.documents.report_figures import table2_documents
from gongkai.documents.selectors import normative_evaluations
from gongkai.documents.services import document_create
from gongkai.documents.tests.factories import IssuerFactory

D = dt.date


@pytest.mark.parametrize(
    ("title", "starts", "until"),
    [
        ("关于规范电梯维保的通知", D(2026, 6, 1), D(2031, 5, 31)),
        ("计量监督管理暂行办法", D(2026, 6, 1), D(2028, 5, 31)),
        ("检验检测机构管理办法（试行）", D(2024, 2, 29), D(2026, 2, 27)),  # leap day
    ],
)
def test_normative_validity_is_five_years_or_two_for_trial(title, starts, until):
    got = rules.normative_valid_until(
        title=title, starts=starts, years=5, trial_years=2
    )
    assert got == until


@pytest.mark.parametrize(
    ("validity", "changed", "until", "ended"),
    [
        ("effective", None, None, None),
        ("effective", None, D(2026, 12, 31), D(2027, 1, 1)),  # in force all 2026
        ("effective", None, D(2026, 12, 30), D(2026, 12, 31)),
        ("repealed", D(2026, 7, 1), None, D(2026, 7, 1)),
        ("repealed", D(2026, 7, 1), D(2026, 3, 31), D(2026, 4, 1)),  # lapsed first
        ("amended", D(2026, 7, 1), None, None),  # an amended one stays in force
    ],
)
def test_a_document_ends_on_its_repeal_or_the_day_after_it_lapses(
    validity, changed, until, ended
):
    assert (
        rules.ended_on(validity=validity, changed_on=changed, valid_until=until)
        == ended
    )


def test_evaluation_starts_six_months_before_it_lapses():
    assert rules.evaluation_from(valid_until=D(2031, 5, 31), months_before=6) == D(
        2030, 12, 1
    )


def _doc(staff, title, category, written, **extra):
    doc = Document.objects.create(
        title=title, index_number=f"X-{Document.objects.count()}", category=category,
        written_on=written, status="published", department=staff.department,
        author=staff, **extra,
    )  # fmt: skip
    return doc


@pytest.mark.django_db
def test_table2_documents_counts_by_category_and_lapse(staff):
    _doc(staff, "规章甲", "rule", D(2026, 3, 1))
    _doc(staff, "规章乙", "rule", D(2019, 1, 1), validity="repealed",
         validity_changed_on=D(2026, 7, 1))  # fmt: skip
    _doc(staff, "规范性文件甲", "normative", D(2026, 4, 1))
    _doc(staff, "规范性文件乙", "normative", D(2021, 1, 1), valid_until=D(2026, 12, 31))
    _doc(staff, "规范性文件丙", "normative", D(2021, 1, 1), valid_until=D(2026, 5, 31))
    _doc(staff, "规范性文件丁", "normative", D(2020, 1, 1), validity="repealed")
    _doc(staff, "关于行政规范性文件的通知", "other", D(2026, 2, 1))
    draft = _doc(staff, "草稿", "normative", D(2026, 2, 1))
    Document.objects.filter(pk=draft.pk).update(status="draft")
    assert table2_documents(year=2026) == {
        "第二十条第（一）项": {
            "规章": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 1},
            "行政规范性文件": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2},
        }
    }
    later = table2_documents(year=2027)["第二十条第（一）项"]
    assert later["行政规范性文件"]["本年废止件数"] == 1
    assert table2_documents in providers(TABLE2)


@pytest.mark.django_db
def test_drafting_a_normative_document_sets_its_validity(staff):
    doc = document_create(
        title="特种设备检验暂行规定", department=staff.department,
        issuers=[IssuerFactory()], written_on=D(2026, 3, 2),
        effective_from=D(2026, 4, 1), category="normative", by=staff,
    )  # fmt: skip
    assert doc.valid_until == D(2028, 3, 31)
    other = document_create(
        title="通知", department=staff.department, issuers=[IssuerFactory()],
        written_on=D(2026, 3, 2), by=staff,
    )  # fmt: skip
    assert other.category == "other" and other.valid_until is None


@pytest.mark.django_db
def test_evaluation_list_and_page(staff, other_staff, login):
    due = _doc(staff, "将到期", "normative", D(2021, 6, 1), valid_until=D(2026, 5, 31))
    _doc(staff, "未到评估期", "normative", D(2024, 1, 1), valid_until=D(2027, 1, 1))
    _doc(staff, "规章", "rule", D(2021, 6, 1), valid_until=D(2026, 5, 31))
    rows = normative_evaluations(today=D(2026, 1, 10), months_before=6)
    assert [(r.document, r.evaluate_from) for r in rows] == [(due, D(2025, 12, 1))]
    assert normative_evaluations(today=D(2025, 11, 30), months_before=6) == []
    assert (
        normative_evaluations(today=D(2026, 1, 10), months_before=6, user=other_staff)
        == []
    )
    url = reverse("documents-staff:evaluation-list")
    assert login(staff).get(url).status_code == 200
    from django.test import Client

    assert Client().get(url).status_code in (302, 403)
