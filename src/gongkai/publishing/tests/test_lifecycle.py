"""The publishing lifecycle through its services: transitions, permissions, checks,
the publication window, revisions, the proactive-disclosure clock and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.publishing import services
from gongkai.publishing.choices import Status
from gongkai.publishing.models import Page
from gongkai.publishing.rules import TRANSITIONS
from gongkai.publishing.tests.factories import PageFactory
from gongkai.publishing.tests.support import (
    NOW,
    _actions,
    _last,
)

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------- transition table


def test_the_transition_table_is_the_documented_lifecycle() -> None:
    allowed = {(a, s, t) for a, moves in TRANSITIONS.items() for s, t in moves.items()}

    assert allowed == {
        ("submit", "draft", "in_review"),
        ("reject", "in_review", "draft"),
        ("approve", "in_review", "approved"),
        ("publish", "approved", "published"),
        ("withdraw", "published", "withdrawn"),
        ("withdraw", "approved", "withdrawn"),
        ("reopen", "withdrawn", "draft"),
        ("reopen", "approved", "draft"),
    }


def _run(action: str, page: Page, author: Any, reviewer: Any) -> Page:
    calls: dict[str, Callable[[], Page]] = {
        "submit": lambda: services.publishing_submit(obj=page, by=author, now=NOW),
        "reject": lambda: services.publishing_reject(
            obj=page, by=reviewer, reason="请补充依据", now=NOW
        ),
        "approve": lambda: services.publishing_approve(obj=page, by=reviewer, now=NOW),
        "publish": lambda: services.publishing_publish(obj=page, by=reviewer, now=NOW),
        "withdraw": lambda: services.publishing_withdraw(
            obj=page, by=reviewer, reason="信息有误", now=NOW
        ),
        "reopen": lambda: services.publishing_reopen(obj=page, by=author, now=NOW),
    }
    return calls[action]()


CASES = [(action, status) for action in TRANSITIONS for status in Status.values]


@pytest.mark.parametrize(("action", "status"), CASES)
def test_every_action_from_every_status(
    action: str, status: str, staff: Any, reviewer: Any
) -> None:
    page = PageFactory(status=status, department=staff.department, author=staff)
    target = TRANSITIONS[action].get(status)

    if target is None:
        with pytest.raises(ConflictError) as excinfo:
            _run(action, page, staff, reviewer)
        assert excinfo.value.code == "publishing.transition"
        assert excinfo.value.status == 409
        assert Page.objects.get(pk=page.pk).status == status
        assert _actions() == []
    else:
        result = _run(action, page, staff, reviewer)
        assert result.status == target
        assert Page.objects.get(pk=page.pk).status == target
        event = AuditEvent.objects.get()
        assert (event.action, event.object_type, event.object_id) == (
            f"publishing.{action}",
            "publishing.page",
            str(page.pk),
        )


def test_full_round_trip_writes_each_audit_action(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    services.publishing_submit(obj=draft, by=staff, now=NOW)
    services.publishing_reject(obj=draft, by=reviewer, reason=" 请补充依据 ", now=NOW)
    services.publishing_submit(obj=draft, by=staff, now=NOW)
    services.publishing_approve(obj=draft, by=reviewer, now=NOW)
    services.publishing_publish(obj=draft, by=reviewer, now=NOW)
    services.publishing_withdraw(obj=draft, by=reviewer, reason="信息有误", now=NOW)
    services.publishing_reopen(obj=draft, by=staff, now=NOW)
    services.page_update(
        page=draft,
        title="新标题",
        body="<p>推进决策公开。</p>",
        summary="年度要点",
        by=staff,
        now=NOW,
    )

    assert _actions() == [
        "page.create",
        "publishing.submit",
        "publishing.reject",
        "publishing.submit",
        "publishing.approve",
        "publishing.publish",
        "publishing.withdraw",
        "publishing.reopen",
        "page.update",
    ]
    assert [e.actor_id for e in AuditEvent.objects.order_by("seq")] == [
        staff.pk,
        staff.pk,
        reviewer.pk,
        staff.pk,
        reviewer.pk,
        reviewer.pk,
        reviewer.pk,
        staff.pk,
        staff.pk,
    ]


def test_audit_changes_of_each_transition(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    later = NOW + dt.timedelta(days=1)
    services.publishing_submit(obj=draft, by=staff, now=NOW)
    services.publishing_reject(obj=draft, by=reviewer, reason=" 请补充依据 ", now=NOW)
    services.publishing_submit(obj=draft, by=staff, now=NOW)
    services.publishing_approve(obj=draft, by=reviewer, now=NOW)
    services.publishing_publish(
        obj=draft,
        by=reviewer,
        publish_at=later,
        unpublish_at=later + dt.timedelta(days=7),
        now=NOW,
    )
    services.publishing_withdraw(obj=draft, by=reviewer, reason="信息有误", now=NOW)

    assert _last("page.create").changes == {"title": "2026年政务公开工作要点"}
    assert _last("publishing.submit").changes == {"status": "in_review", "revision": 1}
    assert _last("publishing.reject").changes == {"reason": "请补充依据"}
    assert _last("publishing.approve").changes == {
        "revision": 1,
        "warnings_accepted": False,
        "checks": {"personal_data": {}, "sensitive_words": {}},
    }
    assert _last("publishing.publish").changes == {
        "publish_at": "2026-03-03T02:00:00.000000+00:00",
        "unpublish_at": "2026-03-10T02:00:00.000000+00:00",
    }
    assert _last("publishing.withdraw").changes == {"reason": "信息有误"}


def test_reject_keeps_the_note_and_submit_clears_it(
    draft: Page, staff: Any, reviewer: Any
) -> None:
    services.publishing_submit(obj=draft, by=staff, now=NOW)
    rejected = services.publishing_reject(obj=draft, by=reviewer, reason=" 请补充依据 ")
    assert (rejected.status, rejected.review_note) == ("draft", "请补充依据")

    again = services.publishing_submit(obj=draft, by=staff)

    assert (again.status, Page.objects.get(pk=draft.pk).review_note) == (
        "in_review",
        "",
    )


@pytest.mark.parametrize("service", ["publishing_reject", "publishing_withdraw"])
@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_and_withdraw_require_a_reason(
    service: str, reason: str, staff: Any, reviewer: Any
) -> None:
    status = "in_review" if service == "publishing_reject" else "published"
    page = PageFactory(status=status, department=staff.department, author=staff)

    with pytest.raises(InvalidInputError) as excinfo:
        getattr(services, service)(obj=page, by=reviewer, reason=reason, now=NOW)

    assert excinfo.value.code == "publishing.reason_required"
    assert Page.objects.get(pk=page.pk).status == status
    assert _actions() == []


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("who", ["reviewer", "admin_user"])
def test_reviewer_cannot_approve_their_own_draft(who: str, request: Any) -> None:
    user = request.getfixturevalue(who)
    page = services.page_create(
        title="公开指南",
        slug="guide",
        body="<p>指南</p>",
        department=user.department,
        by=user,
        now=NOW,
    )
    services.publishing_submit(obj=page, by=user, now=NOW)

    with pytest.raises(PermissionDeniedError) as excinfo:
        services.publishing_approve(obj=page, by=user, now=NOW)

    assert excinfo.value.code == "publishing.self_review"
    stored = Page.objects.get(pk=page.pk)
    assert (stored.status, stored.reviewer_id) == ("in_review", None)
    assert "publishing.approve" not in _actions()


def test_another_reviewer_approves_a_reviewers_draft(
    reviewer: Any, second_reviewer: Any
) -> None:
    page = services.page_create(
        title="公开指南",
        slug="guide",
        body="<p>指南</p>",
        department=reviewer.department,
        by=reviewer,
        now=NOW,
    )
    services.publishing_submit(obj=page, by=reviewer, now=NOW)

    approved = services.publishing_approve(obj=page, by=second_reviewer, now=NOW)

    stored = Page.objects.get(pk=page.pk)
    assert (stored.status, stored.reviewer, stored.reviewed_at) == (
        "approved",
        second_reviewer,
        NOW,
    )
    assert approved.reviewer == second_reviewer


def test_staff_of_another_department_cannot_submit(
    draft: Page, other_staff: Any
) -> None:
    with pytest.raises(PermissionDeniedError) as excinfo:
        services.publishing_submit(obj=draft, by=other_staff, now=NOW)

    assert excinfo.value.code == "permission_denied"
    assert Page.objects.get(pk=draft.pk).status == "draft"


def test_staff_of_another_department_cannot_edit(draft: Page, other_staff: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        services.page_update(page=draft, title="改", body="改", by=other_staff, now=NOW)

    stored = Page.objects.get(pk=draft.pk)
    assert (stored.title, stored.revision) == ("2026年政务公开工作要点", 1)
    assert _actions() == ["page.create"]


def test_staff_of_another_department_cannot_reopen(
    staff: Any, other_staff: Any
) -> None:
    page = PageFactory(status="withdrawn", department=staff.department, author=staff)

    with pytest.raises(PermissionDeniedError):
        services.publishing_reopen(obj=page, by=other_staff, now=NOW)

    assert Page.objects.get(pk=page.pk).status == "withdrawn"


def test_staff_cannot_create_a_page_for_another_department(
    staff: Any, other_department: Any
) -> None:
    with pytest.raises(PermissionDeniedError):
        services.page_create(
            title="t", slug="t", body="", department=other_department, by=staff, now=NOW
        )

    assert Page.objects.count() == 0


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", "in_review"),
        ("reject", "in_review"),
        ("publish", "approved"),
        ("withdraw", "published"),
    ],
)
@pytest.mark.parametrize("who", ["staff", "auditor"])
def test_staff_and_auditors_cannot_review(
    action: str, status: str, who: str, request: Any, staff: Any, office: Any
) -> None:
    user = request.getfixturevalue(who)
    author = request.getfixturevalue("other_staff")
    page = PageFactory(status=status, department=staff.department, author=author)

    with pytest.raises(PermissionDeniedError) as excinfo:
        _run(action, page, author, user)

    assert excinfo.value.code == "permission_denied"
    assert Page.objects.get(pk=page.pk).status == status


@pytest.mark.parametrize("action", ["submit", "reopen"])
def test_auditors_cannot_edit(
    action: str, auditor: Any, staff: Any, reviewer: Any
) -> None:
    status = "draft" if action == "submit" else "approved"
    page = PageFactory(status=status, department=staff.department, author=staff)

    with pytest.raises(PermissionDeniedError):
        _run(action, page, auditor, reviewer)

    assert Page.objects.get(pk=page.pk).status == status


def test_reviewer_may_submit_and_reopen_any_department(
    draft: Page, reviewer: Any
) -> None:
    assert (
        services.publishing_submit(obj=draft, by=reviewer, now=NOW).status
        == "in_review"
    )
