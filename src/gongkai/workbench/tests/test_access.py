"""Who may open which workbench page: login, second factor, role and department."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.common.models import AuditEvent
from gongkai.publishing.choices import Status
from gongkai.publishing.registry import kinds
from gongkai.workbench.tests.support import (
    draft_page,
    overdue_clock_page,
    pages_bulk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(staff):
    return draft_page(author=staff, slug="guide")


@pytest.fixture
def clock(staff):
    return overdue_clock_page(author=staff)[1]


def _get_urls(page, clock):
    return [
        reverse("workbench:home"),
        reverse("workbench:clock-detail", args=[clock.pk]),
        reverse("workbench:review-list"),
        reverse("workbench:page-list"),
        reverse("workbench:page-create"),
        reverse("workbench:page-edit", args=[page.pk]),
        reverse("workbench:audit-list"),
    ]


def test_anonymous_is_sent_to_login(client, page, clock):
    for url in _get_urls(page, clock):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login") + "?next="), (
            url
        )


def test_anonymous_page_action_is_sent_to_login(client, page):
    url = reverse("workbench:page-action", args=[page.pk, "submit"])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page.refresh_from_db()
    assert page.status == Status.DRAFT


def test_login_without_second_factor_is_sent_to_otp(client, admin_user, page, clock):
    client.force_login(admin_user)
    for url in _get_urls(page, clock):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:otp") + "?next="), url


def test_second_factor_can_be_switched_off(client, settings, staff):
    settings.GONGKAI_REQUIRE_OTP = False
    client.force_login(staff)
    assert client.get(reverse("workbench:home")).status_code == 200


def test_staff_home_lists_own_overdue_clock(login, staff, other_staff):
    _own_page, own_clock = overdue_clock_page(author=staff, slug="own")
    _other_page, other_clock = overdue_clock_page(author=other_staff, slug="other")
    response = login(staff).get(reverse("workbench:home"))
    assert response.status_code == 200
    assert list(response.context["inbox"]["overdue"]) == [own_clock]
    body = response.content.decode()
    assert own_clock.title in body
    assert other_clock.title not in body


def test_home_query_count_is_bounded(
    login, staff, reviewer, django_assert_max_num_queries
):
    for i in range(30):
        overdue_clock_page(author=staff, slug=f"late-{i}")
    pages_bulk(author=staff, n=30, status=Status.IN_REVIEW)
    client = login(reviewer)
    # The review queue and the drafts returned to the user (退回) each read one
    # query per registered content type.
    with django_assert_max_num_queries(9 + 2 * len(kinds())):
        response = client.get(reverse("workbench:home"))
    assert len(response.context["inbox"]["overdue"]) == 30
    assert len(response.context["queue"]) == 30


def test_clock_detail_explains_the_date(login, staff, clock):
    response = login(staff).get(reverse("workbench:clock-detail", args=[clock.pk]))
    assert response.status_code == 200
    assert "为什么是这个日期" in response.content.decode()
    assert response.context["status"].explanation


def test_clock_of_another_department_is_404(login, other_staff, clock):
    url = reverse("workbench:clock-detail", args=[clock.pk])
    response = login(other_staff).get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_office_sees_every_clock(login, reviewer, clock):
    url = reverse("workbench:clock-detail", args=[clock.pk])
    assert login(reviewer).get(url).status_code == 200


def test_staff_cannot_see_review_queue(login, staff):
    response = login(staff).get(reverse("workbench:review-list"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "您没有进行此操作的权限" in body
    assert '<html lang="zh-CN"' in body


def test_reviewer_sees_review_queue(
    login, staff, reviewer, django_assert_max_num_queries
):
    pages_bulk(author=staff, n=30, status=Status.IN_REVIEW)
    client = login(reviewer)
    with django_assert_max_num_queries(7 + len(kinds())):
        response = client.get(reverse("workbench:review-list"))
    assert response.status_code == 200
    assert response.content.decode().count("公开信息") == 30


def test_page_list_shows_own_department_only(
    login, staff, other_staff, django_assert_max_num_queries
):
    pages_bulk(author=staff, n=30, status=Status.DRAFT)
    draft_page(author=other_staff, slug="theirs", title="执法稽查处的草稿")
    client = login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workbench:page-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("公开信息") == 30
    assert "执法稽查处的草稿" not in body


def test_page_create_form_offers_own_department_only(
    login, staff, department, other_department
):
    response = login(staff).get(reverse("workbench:page-create"))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["department"].queryset)
    assert choices == [department]
    assert response.context["form"]["department"].value() == department.pk


def test_page_create_form_offers_office_every_department(
    login, reviewer, department, other_department, office
):
    response = login(reviewer).get(reverse("workbench:page-create"))
    choices = set(response.context["form"].fields["department"].queryset)
    assert choices == {department, other_department, office}


def test_page_of_another_department_is_404(login, other_staff, page):
    client = login(other_staff)
    assert client.get(reverse("workbench:page-edit", args=[page.pk])).status_code == 404
    url = reverse("workbench:page-action", args=[page.pk, "submit"])
    assert client.post(url).status_code == 404
    page.refresh_from_db()
    assert page.status == Status.DRAFT


@pytest.mark.parametrize("action", ["submit", "approve", "reopen", "withdraw"])
def test_auditor_cannot_act_on_pages(login, auditor, page, action):
    client = login(auditor)
    url = reverse("workbench:page-action", args=[page.pk, action])
    response = client.post(url, {"reason": "审计人员试图操作"})
    assert response.status_code == 403
    assert "您没有进行此操作的权限" in response.content.decode()
    page.refresh_from_db()
    assert page.status == Status.DRAFT


def test_auditor_reads_page_without_action_buttons(login, auditor, page):
    response = login(auditor).get(reverse("workbench:page-edit", args=[page.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "保存草稿" not in body
    assert "提交审核" not in body


def test_auditor_cannot_edit_or_create_pages(login, auditor, page):
    client = login(auditor)
    url = reverse("workbench:page-edit", args=[page.pk])
    response = client.post(url, {"title": "改掉", "summary": "", "body": ""})
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "政府信息公开指南"
    assert client.get(reverse("workbench:page-create")).status_code == 403


def test_page_action_needs_post(login, staff, page):
    url = reverse("workbench:page-action", args=[page.pk, "submit"])
    assert login(staff).get(url).status_code == 405


@pytest.mark.parametrize("role_fixture", ["auditor", "reviewer", "admin_user"])
def test_audit_trail_is_open_to_auditor_office_and_admin(
    request, login, staff, role_fixture, django_assert_max_num_queries
):
    for i in range(15):
        draft_page(author=staff, slug=f"p-{i}")
    assert AuditEvent.objects.count() >= 15
    client = login(request.getfixturevalue(role_fixture))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workbench:audit-list"))
    assert response.status_code == 200
    assert response.content.decode().count("page.create") == 15


def test_audit_trail_is_closed_to_staff(login, staff):
    response = login(staff).get(reverse("workbench:audit-list"))
    assert response.status_code == 403
    assert "您没有进行此操作的权限" in response.content.decode()


def test_audit_trail_filters_and_verifies_the_chain(login, staff, auditor):
    draft_page(author=staff, slug="a")
    client = login(auditor)
    response = client.get(reverse("workbench:audit-list"), {"action": "page."})
    assert [e.action for e in response.context["events"]] == ["page.create"]
    response = client.get(reverse("workbench:audit-list"), {"verify": "1"})
    assert response.context["verify"].ok
    assert "哈希链完整" in response.content.decode()
