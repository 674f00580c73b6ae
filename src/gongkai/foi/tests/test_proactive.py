"""Often-requested information → a catalogue draft linked to the requests (条例 第四十四条)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.foi.models import FoiRequest
from gongkai.foi.selectors import often_requested
from gongkai.foi.services.proactive import proactive_propose

from .support import at, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def similar(staff):
    texts = [
        "电梯维保单位名单",
        "本省电梯维保单位名单和联系方式",
        "电梯维保单位名单（2025年）",
    ]
    requests = [received(by=staff, description=t) for t in texts]
    received(by=staff, description="计量器具强制检定机构")
    return requests


def test_similar_requests_are_grouped(staff, similar):
    groups = often_requested(staff, since=at("2026-01-01"))
    assert groups
    assert {r.pk for r in groups[0].requests} == {r.pk for r in similar}
    assert "电梯" in groups[0].keywords or "维保" in groups[0].keywords


def test_proposal_creates_a_linked_catalogue_draft(staff, similar):
    from gongkai.documents.models import Document, Issuer

    Issuer.objects.create(name="福建省质量技术监督局", org_code="003591037")
    document = proactive_propose(requests=similar, title="电梯维保单位名单",
                                 keywords=["电梯", "维保"], by=staff,
                                 now=dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC))  # fmt: skip
    assert Document.objects.get(pk=document.pk).status == "draft"
    assert similar[0].tracking_number in document.summary
    linked = FoiRequest.objects.filter(proactive_document_id=document.pk)
    assert linked.count() == 3 and all(r.proposed_proactive for r in linked)


def test_proposal_refused_without_issuer_or_permission(staff, other_staff, similar):
    with pytest.raises(InvalidInputError, match="发文机关"):
        proactive_propose(requests=similar, title="名单", keywords=[], by=staff)
    with pytest.raises(PermissionDeniedError):
        proactive_propose(requests=similar, title="名单", keywords=[], by=other_staff)


def test_often_page_and_post(login, staff, other_staff, similar):
    from gongkai.documents.models import Issuer

    Issuer.objects.create(name="福建省质量技术监督局", org_code="003591037")
    client = login(staff)
    page = client.get(reverse("foi-staff:often")).content.decode()
    assert similar[0].tracking_number in page
    data = {
        "request": [r.pk for r in similar],
        "title": "电梯维保单位名单",
        "keywords": "电梯",
    }
    response = client.post(reverse("foi-staff:often"), data, follow=True)
    assert "已创建目录草稿" in response.content.decode()
    client.logout()
    other = login(other_staff).post(reverse("foi-staff:often"), data, follow=True)
    assert "请选择申请" in other.content.decode()
