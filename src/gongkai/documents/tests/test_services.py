"""Document services: metadata checks, 索引号, interpretation rule, relations, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent, RuleValue
from gongkai.core.doc_numbers import doc_number_key
from gongkai.documents import services
from gongkai.documents.models import Document
from gongkai.documents.tests.factories import IssuerFactory
from gongkai.publishing.choices import Status
from gongkai.publishing.services import publishing_approve, publishing_submit

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _create(staff, **kw):
    fields = {
        "title": "关于开展2026年产品质量监督抽查的通知",
        "department": staff.department,
        "issuers": [IssuerFactory()],
        "written_on": dt.date(2026, 2, 27),
        "by": staff,
        "now": T0,
    }
    return services.document_create(**(fields | kw))


def _approve(doc, staff, reviewer):
    publishing_submit(obj=doc, by=staff, now=T0)
    return publishing_approve(obj=doc, by=reviewer, now=T0)


def test_create_assigns_index_numbers_in_sequence_per_year(staff):
    first = _create(staff, doc_number="闽质监(2026)12号")
    second = _create(staff)
    other_year = _create(staff, written_on=dt.date(2025, 12, 30))
    assert first.index_number == "11350000003591037R/2026-00001"
    assert second.index_number == "11350000003591037R/2026-00002"
    assert other_year.index_number == "11350000003591037R/2025-00001"
    assert first.doc_number == "闽质监〔2026〕12号"
    assert first.status == Status.DRAFT
    event = AuditEvent.objects.filter(action="document.create").first()
    assert event is not None and event.actor == staff


@override_settings(GONGKAI_ORG_CODE="000014349")
def test_index_number_follows_the_rule_value_in_force(staff):
    RuleValue.objects.create(
        key="index_number.pattern", value="{org_code}-{year}-{seq:04d}",
        valid_from=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert _create(staff).index_number == "000014349-2026-0001"
    assert _create(staff, written_on=dt.date(2025, 6, 1)).index_number == (
        "000014349/2025-00001"
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"doc_number": "126号"}, "document.doc_number"),
        ({"title": "  "}, "document.title"),
        ({"disclosure": "on_request"}, "document.disclosure_reason"),
        ({"valid_until": dt.date(2026, 1, 1)}, "document.dates"),
        ({"issuers": []}, "document.issuer"),
        ({"formed_on": dt.date(2026, 3, 3)}, "document.formed_on_future"),
        ({"written_on": None}, "document.written_on"),
    ],
)
def test_create_refuses_bad_metadata(staff, changes, code):
    with pytest.raises(InvalidInputError) as err:
        _create(staff, **changes)
    assert err.value.code == code
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("issuer", "written", "stored"),
    [
        # The bureau's own document: GB/T 9704-2012 §7.2 form, variants made canonical.
        ("福建省市场监督管理局", "闽市监(2026)012号", "闽市监〔2026〕12号"),
        # The predecessor's (merged in 2018) is another issuer's: kept as written.
        ("福建省质量技术监督局", "闽质监(2016)012号", "闽质监(2016)012号"),
        # Another issuer's number: kept as written, whatever its shape (RULES.md §9).
        ("国务院", "中华人民共和国国务院令第711号", "中华人民共和国国务院令第711号"),
        (
            "财政部",
            "财政部 税务总局公告2023年第12号",
            "财政部 税务总局公告2023年第12号",
        ),
        ("上海市发展和改革委员会", "沪发改价管(2012)020号", "沪发改价管(2012)020号"),
        ("国家质量监督检验检疫总局", "TSG T7007-2016", "TSG T7007-2016"),
        ("某局", "七号", "七号"),
    ],
)
def test_numbers_of_other_issuers_are_kept_as_written(staff, issuer, written, stored):
    doc = _create(staff, issuers=[IssuerFactory(name=issuer)], doc_number=written)
    assert doc.doc_number == stored
    assert doc.doc_number_key == doc_number_key(written)


def test_own_number_in_another_shape_is_refused(staff):
    with pytest.raises(InvalidInputError) as err:
        _create(staff, doc_number="福建省市场监督管理局公告第1号")
    assert err.value.code == "document.doc_number"


def test_imported_document_may_stay_without_date_and_issuer(staff):
    doc = _create(staff, issuers=[], written_on=None, import_key="k" * 64)
    assert (doc.written_on, doc.issuer_names()) == (None, [])
    assert doc.index_number == "11350000003591037R/2026-00001"  # the year catalogued
    assert doc.missing_metadata() == ["成文日期", "发文机关"]
    # Staff complete it later; a value is never required to keep editing it.
    doc = services.document_update(document=doc, by=staff, title="新标题", now=T0)
    assert doc.written_on is None
    doc = services.document_update(
        document=doc, by=staff, written_on=dt.date(1999, 1, 2),
        issuers=[IssuerFactory(name="国务院")], now=T0,
    )  # fmt: skip
    assert doc.missing_metadata() == []


def test_drafted_document_cannot_lose_its_date(staff):
    doc = _create(staff)
    with pytest.raises(InvalidInputError) as err:
        services.document_update(document=doc, by=staff, written_on=None, now=T0)
    assert err.value.code == "document.written_on"


def test_staff_cannot_create_for_another_department(staff, other_staff):
    with pytest.raises(PermissionDeniedError):
        _create(other_staff, department=staff.department)


def test_policy_needing_interpretation_waits_for_it(staff, reviewer, second_reviewer):
    doc = _approve(_create(staff, needs_interpretation=True), staff, reviewer)
    with pytest.raises(ConflictError) as err:
        services.document_publish(document=doc, by=reviewer, now=T0)
    assert err.value.code == "document.needs_interpretation"
    item = services.interpretation_create(
        policy=doc,
        title="《通知》政策解读",
        body="<p>问：为什么抽查？答：依法。</p>",
        by=staff,
        now=T0,
    )
    _approve(item, staff, second_reviewer)
    doc = services.document_publish(document=doc, by=reviewer, now=T0)
    item.refresh_from_db()
    assert doc.status == item.status == Status.PUBLISHED
    assert item.publish_at == doc.publish_at  # released together (三同步)


def test_reviewer_may_waive_interpretation_with_a_reason(staff, reviewer):
    doc = _approve(_create(staff, needs_interpretation=True), staff, reviewer)
    with pytest.raises(InvalidInputError):
        services.document_waive_interpretation(document=doc, by=reviewer, reason=" ")
    with pytest.raises(PermissionDeniedError):
        services.document_waive_interpretation(
            document=doc, by=staff, reason="内部通知"
        )
    services.document_waive_interpretation(
        document=doc, by=reviewer, reason="程序性通知", now=T0
    )
    doc = services.document_publish(document=doc, by=reviewer, now=T0)
    assert doc.status == Status.PUBLISHED
    assert AuditEvent.objects.filter(action="document.waive_interpretation").exists()


def test_only_proactive_documents_are_published(staff, reviewer):
    doc = _create(staff, disclosure="withheld", disclosure_reason="内部事务信息")
    doc = _approve(doc, staff, reviewer)
    with pytest.raises(ConflictError):
        services.document_publish(document=doc, by=reviewer, now=T0)


def test_publishing_a_repeal_marks_the_original(staff, reviewer):
    old = services.document_publish(
        document=_approve(_create(staff, title="旧办法"), staff, reviewer),
        by=reviewer,
        now=T0,
    )
    new = _create(
        staff, title="关于废止旧办法的决定", effective_from=dt.date(2026, 4, 1)
    )
    services.relation_add(source=new, target=old, kind="repeals", by=staff, now=T0)
    old.refresh_from_db()
    assert old.validity == "effective"  # a draft repeals nothing yet
    services.document_publish(
        document=_approve(new, staff, reviewer), by=reviewer, now=T0
    )
    old.refresh_from_db()
    assert old.validity == "repealed"
    assert old.validity_changed_on == dt.date(2026, 4, 1)
    assert AuditEvent.objects.filter(
        action="document.validity", object_id=str(old.pk)
    ).exists()


@pytest.mark.parametrize(
    ("kind", "code"), [("repeals", "relation.exists"), ("nonsense", "relation.kind")]
)
def test_relation_errors(staff, kind, code):
    a, b = _create(staff), _create(staff)
    services.relation_add(source=a, target=b, kind="repeals", by=staff, now=T0)
    with pytest.raises((InvalidInputError, ConflictError)) as err:
        services.relation_add(source=a, target=b, kind=kind, by=staff, now=T0)
    assert err.value.code == code
    with pytest.raises(InvalidInputError):
        services.relation_add(source=a, target=a, kind="amends", by=staff, now=T0)


def test_update_changes_a_draft_only(staff, reviewer):
    doc = _create(staff)
    doc = services.document_update(
        document=doc, by=staff, title="新标题", doc_number="闽质监〔2026〕9号", now=T0
    )
    assert (doc.title, doc.doc_number, doc.revision) == (
        "新标题",
        "闽质监〔2026〕9号",
        2,
    )
    _approve(doc, staff, reviewer)
    with pytest.raises(ConflictError):
        services.document_update(document=doc, by=staff, title="再改", now=T0)
    with pytest.raises(InvalidInputError):
        services.document_update(document=doc, by=staff, index_number="x", now=T0)
