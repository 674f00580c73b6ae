"""The 政府信息公开指南 (条例 第十二条): required items, the office's edits, the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.documents import rules
from gongkai.documents.demo_guide import GUIDE
from gongkai.documents.guide import guide_update

NOW = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai


@pytest.mark.parametrize(
    ("blank", "missing"),
    [
        ((), []),
        (("fax",), ["fax"]),
        (("fees", "reading_rooms", "postcode", "website"), []),  # optional items
        (("email", "classification"), ["classification", "email"]),  # guide order
        (tuple(rules.GUIDE_REQUIRED), list(rules.GUIDE_REQUIRED)),
    ],
)
def test_guide_missing_lists_empty_article_12_items(blank, missing):
    values = {**GUIDE, **dict.fromkeys(blank, "  ")}
    assert rules.guide_missing(values) == missing


@pytest.mark.django_db
def test_office_writes_the_guide_and_it_is_audited(reviewer):
    guide = guide_update(by=reviewer, now=NOW, **GUIDE)
    assert guide.updated_on == dt.date(2026, 11, 26)
    assert guide.fax == GUIDE["fax"]
    event = AuditEvent.objects.get(action="guide.update")
    assert event.actor == reviewer and "fax" in event.changes["fields"]
    later = NOW + dt.timedelta(days=3)
    guide_update(by=reviewer, now=later, phone="0591-00000002（演示号码）")
    guide.refresh_from_db()
    assert (guide.phone, guide.updated_on) == (
        "0591-00000002（演示号码）",
        dt.date(2026, 11, 29),
    )
    assert guide.fax == GUIDE["fax"]  # kept


@pytest.mark.django_db
def test_guide_without_fax_or_address_is_refused_in_chinese(reviewer):
    with pytest.raises(InvalidInputError) as caught:
        guide_update(by=reviewer, now=NOW, **{**GUIDE, "fax": "", "address": " "})
    assert "条例第十二条" in str(caught.value.message)
    assert "办公地址" in str(caught.value.message) and "传真号码" in str(
        caught.value.message
    )
    assert caught.value.detail == {"fields": ["address", "fax"]}
    with pytest.raises(InvalidInputError, match="邮件地址"):
        guide_update(by=reviewer, now=NOW, **{**GUIDE, "email": "不是邮箱"})


@pytest.mark.django_db
def test_only_reviewers_write_the_guide(staff):
    with pytest.raises(PermissionDeniedError):
        guide_update(by=staff, now=NOW, **GUIDE)


@pytest.mark.django_db
def test_guide_page_follows_article_12_and_shows_edits_at_once(client, reviewer):
    guide_update(by=reviewer, now=NOW, **GUIDE)
    page = client.get(reverse("documents:guide"))
    assert page.status_code == 200
    body = page.content.decode()
    headings = ["一、信息的分类", "二、编排体系", "三、获取方式", "四、依申请公开",
                "五、监督和救济", "六、政府信息公开工作机构"]  # fmt: skip
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    for item in ("办公地址", "办公时间", "联系电话", "传真号码", "电子邮箱"):
        assert item in body
    assert reverse("foi:apply") in body and "20个工作日" in body
    guide_update(by=reviewer, now=NOW, office_hours="工作日 9:00—17:00")
    assert (
        "工作日 9:00—17:00" in client.get(reverse("documents:guide")).content.decode()
    )


@pytest.mark.django_db
def test_guide_admin_saves_through_the_service(client, login, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    login(admin_user)
    data = {**GUIDE}
    response = client.post(reverse("admin:documents_guide_add"), data)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="guide.update", actor=admin_user).exists()
    assert client.get(reverse("admin:documents_guide_add")).status_code == 403
