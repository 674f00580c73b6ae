"""The review page: every personal-data and sensitive-word hit marked in place with
its field and offset, one-click masking (a service call with an audit event), the
diff against the last approved revision, and the return (退回) note on the author's
page and in the author's inbox."""

from __future__ import annotations

import pytest

from gongkai.common.errors import ConflictError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status, WordLevel
from gongkai.publishing.rules import masked_value
from gongkai.publishing.tests.factories import SensitiveWordFactory

pytestmark = pytest.mark.django_db
MOBILE = "13912345678"
BODY = f"<p>联系人电话{MOBILE}，详见附件。</p>"


def _url(page, tail=""):
    return f"/workbench/review/publishing.page/{page.pk}/{tail}"


@pytest.fixture
def page(staff):
    page = pub.page_create(
        title="关于开展质量月活动的通知",
        slug="quality-month",
        summary="绝密安排",
        body=BODY,
        department=staff.department,
        by=staff,
    )
    pub.publishing_submit(obj=page, by=staff)
    return page


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("id_number", "11010519491231002X", "110105********002X"),
        ("mobile", "13912345678", "139****5678"),
        ("bank_card", "6222021234567890123", "***************0123"),
        ("email", "wang@example.cn", "w***@example.cn"),
        ("word", "绝密", "**"),
    ],
)
def test_masked_value_keeps_the_length(kind, value, masked):
    assert masked_value(kind, value) == masked
    assert len(masked) == len(value)


def test_review_page_marks_every_hit_with_field_and_offset(login, reviewer, page):
    SensitiveWordFactory(word="绝密", level=WordLevel.BLOCK)
    html = login(reviewer).get(_url(page)).content.decode()
    start = BODY.index(MOBILE)
    assert "手机号码" in html and f"第 {start}–{start + 11} 字符" in html
    assert f'<mark id="mark-2" class="bad">{MOBILE}</mark>' in html
    assert '<mark id="mark-1" class="bad">绝密</mark>' in html  # 摘要 comes first
    assert "发现 2 处需要处理的内容，其中 2 处阻止审核通过。" in html
    assert "<textarea" not in html.split("审核操作")[0]  # a preview, not a form
    assert "尚无审核通过的版本" in html


def test_blocked_approval_then_mask_then_approve(login, staff, reviewer, page):
    c = login(reviewer)
    response = c.post(_url(page, "act/approve/"), {"next": _url(page)}, follow=True)
    assert response.redirect_chain[-1][0] == _url(page)
    assert "请修改标出的位置" in response.content.decode()
    start = BODY.index(MOBILE)
    form = {"field": "body", "start": start, "end": start + 11, "value": MOBILE,
            "kind": "mobile"}  # fmt: skip
    response = c.post(_url(page, "mask/"), form, follow=True)
    html = response.content.decode()
    assert f"已遮蔽：《{page}》正文第 {start}–{start + 11} 字符" in html
    page.refresh_from_db()
    assert "139****5678" in page.body and MOBILE not in page.body
    event = AuditEvent.objects.get(action="publishing.mask")
    assert event.changes == {"field": "body", "start": start, "end": start + 11,
                             "kind": "mobile"}  # fmt: skip
    assert MOBILE not in str(event.changes)
    # The same span again: the text changed, a clear message, no 500.
    html = c.post(_url(page, "mask/"), form, follow=True).content.decode()
    assert "内容已经变化，请刷新页面后重试" in html
    response = c.post(_url(page, "act/approve/"), {"next": _url(page)}, follow=True)
    assert f"已审核通过：《{page}》" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.APPROVED


def test_diff_against_the_last_approved_revision(login, staff, reviewer, page):
    start = BODY.index(MOBILE)
    pub.publishing_mask(obj=page, field="body", start=start, end=start + 11,
                        expected=MOBILE, kind="mobile", by=reviewer)  # fmt: skip
    pub.publishing_approve(obj=page, by=reviewer)  # no blocking word defined
    pub.publishing_reopen(obj=page, by=staff)
    pub.page_update(
        page=page, title=page.title, summary="新的摘要", body=page.body, by=staff
    )
    pub.publishing_submit(obj=page, by=staff)
    html = login(reviewer).get(_url(page)).content.decode()
    assert "上次审核通过的是第 2 版" in html  # 1: written, 2: masked
    assert "<del>绝密安排</del><ins>新的摘要</ins>" in html


def test_mask_and_review_page_permissions(
    client, login, other_staff, auditor, reviewer, page
):
    start = BODY.index(MOBILE)
    form = {"field": "body", "start": start, "end": start + 11, "value": MOBILE}
    assert client.get(_url(page)).status_code == 302  # login first
    other = login(other_staff)
    assert other.get(_url(page)).status_code == 404
    assert other.post(_url(page, "mask/"), form).status_code == 404
    assert login(auditor).post(_url(page, "mask/"), form).status_code == 403
    with pytest.raises(PermissionDeniedError):
        pub.publishing_mask(obj=page, field="body", start=start, end=start + 11,
                            expected=MOBILE, kind="mobile", by=auditor)  # fmt: skip
    reviewer_client = login(reviewer)
    assert reviewer_client.get(_url(page, "mask/")).status_code == 405
    bad = reviewer_client.post(_url(page, "mask/"), {"field": "body"}, follow=True)
    assert "遮蔽请求不完整" in bad.content.decode()
    assert login(reviewer).get("/workbench/review/no.such/1/").status_code == 404
    page.status = Status.PUBLISHED
    page.save()
    with pytest.raises(ConflictError):
        pub.publishing_mask(obj=page, field="body", start=start, end=start + 11,
                            expected=MOBILE, kind="mobile", by=reviewer)  # fmt: skip


def test_return_note_on_the_authors_page_and_inbox(login, staff, reviewer, page):
    c = login(reviewer)
    c.post(
        _url(page, "act/reject/"), {"reason": "请删除联系人电话", "next": _url(page)}
    )
    c = login(staff)
    html = c.get(f"/workbench/pages/{page.pk}/").content.decode()
    main = html.split('id="main"')[1]
    assert main.index("已被退回修改") < main.index("<h1")
    assert "请删除联系人电话" in main
    inbox = c.get("/workbench/").content.decode()
    assert "被退回修改（1）" in inbox and "请删除联系人电话" in inbox
    c.post(f"/workbench/pages/{page.pk}/submit/")
    assert "被退回修改" not in c.get("/workbench/").content.decode()
