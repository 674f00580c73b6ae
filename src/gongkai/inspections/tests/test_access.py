"""Every staff endpoint refuses anonymous users, and the read-only auditor's writes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .support import make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(staff, department, reviewer):
    registry()
    task = make_task(by=staff, department=department)
    return run_to_drawn(task, office=reviewer, by=staff)


def staff_urls(code: str) -> list[str]:
    return [
        reverse("inspections-staff:home"),
        reverse("inspections-staff:content-list", args=["item"]),
        reverse("inspections-staff:content-create", args=["item"]),
        reverse("inspections-staff:registry", args=["targets"]),
        reverse("inspections-staff:import"),
        reverse("inspections-staff:task-create"),
        reverse("inspections-staff:task-detail", args=[code]),
        reverse("inspections-staff:auditor-bundle", args=[code, 1]),
        reverse("inspections-staff:proof", args=[code, 1]),
    ]


def test_anonymous_is_sent_to_the_login_page(client, drawn):
    for url in staff_urls(drawn.task.code):
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        ), url
    post = client.post(
        reverse("inspections-staff:task-action", args=[drawn.task.code, "run"])
    )
    assert post.status_code == 302


@pytest.mark.parametrize(
    "action",
    ["freeze", "commit", "run", "publish", "abandon", "substitute", "publish-results"],
)
def test_auditor_cannot_act(login, auditor, drawn, action):
    response = login(auditor).post(
        reverse("inspections-staff:task-action", args=[drawn.task.code, action]),
        {"draw": drawn.pk, "reason": "x", "inspection": drawn.inspections.first().pk},
    )
    assert response.status_code == 403


def test_auditor_cannot_import_or_create(login, auditor):
    c = login(auditor)
    assert c.get(reverse("inspections-staff:import")).status_code == 403
    assert c.get(reverse("inspections-staff:task-create")).status_code == 403


def test_unknown_action_and_kind_are_404(login, reviewer, drawn):
    c = login(reviewer)
    assert (
        c.post(
            reverse("inspections-staff:task-action", args=[drawn.task.code, "nope"])
        ).status_code
        == 404
    )
    assert (
        c.get(reverse("inspections-staff:content-list", args=["nope"])).status_code
        == 404
    )
    assert (
        c.get(reverse("inspections-staff:registry", args=["nope"])).status_code == 404
    )


def test_bad_input_on_actions_is_a_message_not_a_500(login, reviewer, drawn):
    c = login(reviewer)
    url = reverse("inspections-staff:task-action", args=[drawn.task.code, "result"])
    response = c.post(
        url,
        {"inspection": drawn.inspections.first().pk, "result": "x", "checked_on": "x"},
        follow=True,
    )
    assert response.status_code == 200 and "msg-error" in response.content.decode()
    response = c.post(
        reverse("inspections-staff:task-action", args=[drawn.task.code, "commit"]),
        {"draw": "abc"},
        follow=True,
    )
    assert response.status_code == 200 and "没有这次抽取" in response.content.decode()


def test_staff_task_page_with_a_drawn_task_within_query_ceiling(
    login, reviewer, drawn, django_assert_max_num_queries
):
    c = login(reviewer)
    url = reverse("inspections-staff:task-detail", args=[drawn.task.code])
    with django_assert_max_num_queries(25):
        assert c.get(url).status_code == 200


@pytest.mark.parametrize("name", ["target-list", "inspector-list"])
def test_staff_api_lists_within_query_ceiling(
    login, staff, drawn, django_assert_max_num_queries, name
):
    c = login(staff)
    with django_assert_max_num_queries(12):
        assert (
            c.get(
                reverse(f"api:inspections-api:{name}"), {"format": "xlsx"}
            ).status_code
            == 200
        )


def test_task_code_must_be_url_safe(login, reviewer):
    response = login(reviewer).post(
        reverse("inspections-staff:task-create"), {"code": "任务/1"}
    )
    assert "任务编号只能使用" in response.content.decode()


def test_declare_conflict_from_the_registry_page(login, staff, auditor, drawn):
    from gongkai.inspections.models import Conflict, Inspector

    url = reverse("inspections-staff:conflict-declare")
    code = Inspector.objects.first().code
    uscc = drawn.inspections.first().uscc
    assert (
        login(auditor).post(url, {"inspector": code, "uscc": uscc}).status_code == 403
    )
    c = login(staff)
    c.post(url, {"inspector": code, "uscc": uscc.lower(), "reason": "亲属任职"})
    assert Conflict.objects.get().uscc == uscc
    page = c.post(url, {"inspector": code, "uscc": "123"}, follow=True).content.decode()
    assert "18位" in page
    page = c.post(
        url, {"inspector": "NOPE", "uscc": uscc}, follow=True
    ).content.decode()
    assert "没有这个执法证号" in page


def test_follow_up_form_offered_while_targets_are_unstaffed(login, reviewer, drawn):
    from gongkai.inspections.choices import InspectionState

    url = reverse("inspections-staff:task-detail", args=[drawn.task.code])
    c = login(reviewer)
    assert "为未配队对象补充抽取检查组" not in c.get(url).content.decode()
    drawn.inspections.filter(pk=drawn.inspections.first().pk).update(
        state=InspectionState.UNSTAFFED, team=None
    )
    assert "为未配队对象补充抽取检查组" in c.get(url).content.decode()
