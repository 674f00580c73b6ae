"""Every lifecycle action on every content type, through the one workbench endpoint
and the one API endpoint (``publishing.actions``): the same order of checks, the
same errors, scheduled publication everywhere."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gongkai.common.models import AuditEvent
from gongkai.common.tests.notices.models import Notice
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.govservices.tests.factories import intermediary, service
from gongkai.inspections.models import InspectionPlan
from gongkai.inspections.tests.factories import ItemFactory
from gongkai.participation.services import proposals as participation_proposals
from gongkai.participation.services.consultations import (
    consultation_close,
    feedback_create,
)
from gongkai.participation.tests.factories import consultation, meeting
from gongkai.penalties.tests.factories import PenaltyFactory
from gongkai.publishing.choices import Status
from gongkai.publishing.registry import kinds
from gongkai.publishing.tests.factories import PageFactory
from gongkai.registers.services import entry_create
from gongkai.registers.tests.factories import tea_register

pytestmark = pytest.mark.django_db


def _page(staff: Any, admin: Any) -> Any:
    return PageFactory(department=staff.department, author=staff)


def _document(staff: Any, admin: Any) -> Any:
    return DocumentFactory(department=staff.department, author=staff)


def _interpretation(staff: Any, admin: Any) -> Any:
    policy = DocumentFactory(department=staff.department, author=staff)
    return InterpretationFactory(policy=policy)


def _penalty(staff: Any, admin: Any) -> Any:
    return PenaltyFactory(department=staff.department, author=staff)


def _licence(staff: Any, admin: Any) -> Any:
    from gongkai.penalties.licences.services import licence_create
    from gongkai.penalties.tests.licence_factories import licence_record

    return licence_create(
        record=licence_record(), department=staff.department, by=staff
    )


def _entry(staff: Any, admin: Any) -> Any:
    record = {"product": "铁观音", "sampled_on": "2026-05-06", "result": "合格"}
    return entry_create(
        register=tea_register(admin),
        record={**record, "report_no": "TEA-1"},
        department=staff.department,
        by=staff,
    )


def _item(staff: Any, admin: Any) -> Any:
    return ItemFactory(department=staff.department, author=staff)


def _notice(staff: Any, admin: Any) -> Any:
    return Notice.objects.create(
        title="试运行通知", department=staff.department, author=staff
    )


def _plan(staff: Any, admin: Any) -> Any:
    return InspectionPlan.objects.create(
        year=2026,
        title="2026年度双随机抽查计划",
        body="全年抽查安排。",
        department=staff.department,
        author=staff,
    )


def _budget(staff: Any, admin: Any) -> Any:
    from decimal import Decimal

    from gongkai.budgets import services as budgets
    from gongkai.budgets.demo import demo_workbook

    budget_set = budgets.budget_import(
        data=demo_workbook(year=2025, kind="budget"),
        file_name="b.xlsx",
        kind="budget",
        year=2025,
        by=staff,
    )
    budgets.budget_approval_record(
        budget_set=budget_set, approved_on=dt.date(2025, 2, 10), by=staff
    )
    return budgets.budget_update(
        budget_set=budget_set,
        title="2025年部门预算",
        explanation="机关运行经费 1 万元。",
        running_costs=Decimal(1),
        by=staff,
    )


def _post(staff: Any, admin: Any) -> Any:
    from gongkai.oversight.models import MediaPost
    from gongkai.oversight.services import media_post_save
    from gongkai.oversight.tests.support import account

    acc = account(admin, staff.department)
    return media_post_save(
        post=MediaPost(), account=acc, title="消费提示", body="认准CCC标志。", by=staff
    )


# Input an approval needs beyond the shared form (new-media posts: 三审).
APPROVE = {
    "oversight.mediapost": {
        "first_review": "甲",
        "second_review": "乙",
        "final_review": "丙",
    }
}


def _guide(staff: Any, admin: Any) -> Any:
    return service(department=staff.department, author=staff)


def _intermediary(staff: Any, admin: Any) -> Any:
    return intermediary(department=staff.department, author=staff)


def _consultation(staff: Any, admin: Any) -> Any:
    return consultation(staff=staff, title="某办法征求意见稿")


def _feedback(staff: Any, admin: Any) -> Any:
    # published only once the consultation has closed
    closed = consultation(staff=staff, reviewer=admin, title="某规范征求意见稿")
    consultation_close(consultation=closed, by=staff, note="提前结束。")
    return feedback_create(
        consultation=closed, title="某规范意见采纳情况", summary="共收到1条。",
        received_count=1, items=[], by=staff,
    )  # fmt: skip


def _meeting(staff: Any, admin: Any) -> Any:
    return meeting(staff=staff)


_PROPOSAL_NUMBERS = itertools.count(1)


def _proposal_reply(staff: Any, admin: Any) -> Any:
    number = f"{next(_PROPOSAL_NUMBERS):04d}"
    assigned = timezone.now() - dt.timedelta(days=30)
    proposal = participation_proposals.proposal_create(
        kind="deputy", year=assigned.year, number=number, title="关于电梯安全的建议",
        proposer="李代表", lead_department=staff.department, assigned_at=assigned,
        by=admin,
    )  # fmt: skip
    return participation_proposals.proposal_reply(
        proposal=proposal, title="对电梯安全建议的答复", body="答复全文。", by=staff
    )


# (content kind, URL name of its action, extra URL kwargs, maker)
KINDS: list[tuple[str, str, Callable[[Any], dict[str, Any]], Callable[..., Any]]] = [
    ("publishing.page", "workbench:page-action", lambda o: {}, _page),
    ("documents.document", "documents-staff:document-action", lambda o: {}, _document),
    (
        "documents.interpretation",
        "documents-staff:interpretation-action",
        lambda o: {},
        _interpretation,
    ),
    ("penalties.penalty", "penalties-staff:penalty-action", lambda o: {}, _penalty),
    (
        "penalties.licencedecision",
        "penalties-staff:licence-action",
        lambda o: {},
        _licence,
    ),
    (
        "registers.entry",
        "registers-staff:entry-action",
        lambda o: {"slug": o.register.slug},
        _entry,
    ),
    (
        "inspections.inspectionitem",
        "inspections-staff:item-action",
        lambda o: {},
        _item,
    ),
    (
        "inspections.inspectionplan",
        "inspections-staff:plan-action",
        lambda o: {},
        _plan,
    ),
    ("budgets.budgetset", "budgets-staff:set-action", lambda o: {}, _budget),
    ("oversight.mediapost", "oversight-staff:post-action", lambda o: {}, _post),
    (
        "govservices.serviceitem",
        "govservices-staff:service-action",
        lambda o: {},
        _guide,
    ),
    (
        "govservices.intermediaryservice",
        "govservices-staff:intermediary-action",
        lambda o: {},
        _intermediary,
    ),
    (
        "participation.publicconsultation",
        "participation-staff:consultation-action",
        lambda o: {},
        _consultation,
    ),
    (
        "participation.feedbackreport",
        "participation-staff:feedback-action",
        lambda o: {},
        _feedback,
    ),
    (
        "participation.openmeeting",
        "participation-staff:meeting-action",
        lambda o: {},
        _meeting,
    ),
    (
        "participation.proposalreply",
        "participation-staff:reply-action",
        lambda o: {},
        _proposal_reply,
    ),
    # The throw-away module of the test settings (common/tests/notices).
    ("notices.notice", "notices-staff:action", lambda o: {}, _notice),
]
IDS = [k[0] for k in KINDS]
WITHDRAW = {"reason": "决定已被撤销", "kind": "revoked", "changed_on": "2026-11-20"}


def test_every_declared_content_kind_is_covered_here():
    assert sorted(k.model._meta.label_lower for k in kinds()) == sorted(IDS)


def _url(
    name: str, extra: Callable[[Any], dict[str, Any]], obj: Any, action: str
) -> str:
    return reverse(name, kwargs={"pk": obj.pk, "action": action, **extra(obj)})


def _message(response: Any) -> str:
    """The last message queued (the redirect is not followed, so they add up)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_whole_lifecycle_with_scheduled_publication(
    kind, name, extra, make, client, login, staff, reviewer, admin_user
):
    obj = make(staff, admin_user)
    title = str(obj)
    login(staff)
    response = client.post(_url(name, extra, obj, "submit"))
    assert response.status_code == 302
    assert _message(response) == f"已提交审核：《{title}》"
    obj.refresh_from_db()
    assert obj.status == Status.IN_REVIEW

    login(reviewer)
    client.post(_url(name, extra, obj, "approve"), APPROVE.get(kind, {}))
    obj.refresh_from_db()
    assert obj.status == Status.APPROVED
    later = (timezone.now() + dt.timedelta(days=3)).replace(microsecond=0)
    local = timezone.localtime(later).strftime("%Y-%m-%dT%H:%M")
    response = client.post(_url(name, extra, obj, "publish"), {"publish_at": local})
    assert _message(response) == f"已发布：《{title}》"
    obj.refresh_from_db()
    assert obj.status == Status.PUBLISHED
    assert obj.publish_at == later.replace(second=0)
    assert not obj.is_visible()  # scheduled: not public before its time

    response = client.post(_url(name, extra, obj, "withdraw"), WITHDRAW)
    obj.refresh_from_db()
    assert obj.status == Status.WITHDRAWN, _message(response)

    login(staff)
    client.post(_url(name, extra, obj, "reopen"))
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT
    actions = list(
        AuditEvent.objects.filter(object_id=str(obj.pk))
        .filter(action__startswith="publishing.")
        .values_list("action", flat=True)
    )
    for step in ("submit", "approve", "publish", "withdraw", "reopen"):
        assert f"publishing.{step}" in actions


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_unknown_action_is_400_with_its_code(
    kind, name, extra, make, client, login, staff, admin_user
):
    obj = make(staff, admin_user)
    login(staff)
    response = client.post(_url(name, extra, obj, "explode"))
    assert response.status_code == 400
    assert "publishing.unknown_action" in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_author_may_not_approve_even_with_bad_input(
    kind, name, extra, make, client, login, staff, admin_user
):
    obj = make(staff, admin_user)
    obj.status = Status.IN_REVIEW
    obj.save()
    login(staff)
    # Permission is checked before the input: a malformed time changes nothing.
    response = client.post(_url(name, extra, obj, "publish"), {"publish_at": "x"})
    assert response.status_code == 403
    response = client.post(_url(name, extra, obj, "approve"))
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.status == Status.IN_REVIEW


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_refusals_are_messages_and_change_nothing(
    kind, name, extra, make, client, login, staff, reviewer, admin_user
):
    obj = make(staff, admin_user)
    login(reviewer)
    # still a draft
    response = client.post(_url(name, extra, obj, "approve"), APPROVE.get(kind, {}))
    assert response.status_code == 302
    assert _message(response) == "“草稿”状态下不能审核通过。"
    obj.status = Status.IN_REVIEW
    obj.save()
    response = client.post(_url(name, extra, obj, "reject"), {"reason": ""})
    assert _message(response) == "退回时必须填写审核意见。"
    obj.refresh_from_db()
    assert obj.status == Status.IN_REVIEW


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_a_draft_never_published_can_be_deleted_but_not_after(
    kind, name, extra, make, client, login, staff, admin_user
):
    obj = make(staff, admin_user)
    model = type(obj)
    login(staff)
    response = client.post(_url(name, extra, obj, "delete"))
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
    assert AuditEvent.objects.filter(action="publishing.delete").count() == 1

    kept = make(staff, admin_user) if kind != "registers.entry" else None
    if kept is None:
        return  # one tea register per test: the first entry showed the rule
    kept.publish_at = timezone.now() - dt.timedelta(days=30)  # was public once
    kept.save()
    client.post(_url(name, extra, kept, "delete"))
    assert model.objects.filter(pk=kept.pk).exists()


def test_someone_elses_item_is_absent_not_forbidden(client, login, staff, other_staff):
    document = DocumentFactory(department=staff.department, author=staff)
    login(other_staff)
    url = reverse(
        "documents-staff:document-action",
        kwargs={"pk": document.pk, "action": "submit"},
    )
    assert client.post(url).status_code == 404


# -- API ---------------------------------------------------------------------------


def _api(user: Any) -> APIClient:
    api = APIClient()
    # a token works for an account that has bound its authenticator (accounts)
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "t"})
    token, _created = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def _api_url(obj: Any, action: str | None = None) -> str:
    kwargs = {"kind": obj._meta.label_lower, "pk": obj.pk}
    if action is None:
        return reverse("api:publishing-api:state", kwargs=kwargs)
    return reverse("api:publishing-api:action", kwargs={**kwargs, "action": action})


@pytest.mark.parametrize(("kind", "name", "extra", "make"), KINDS, ids=IDS)
def test_api_runs_the_same_actions(
    kind, name, extra, make, staff, reviewer, admin_user
):
    obj = make(staff, admin_user)
    author, office = _api(staff), _api(reviewer)
    state = author.get(_api_url(obj)).json()
    assert state["status"] == "draft"
    assert {"submit", "delete"} <= set(state["actions"])
    assert "approve" not in state["actions"]
    response = author.post(_api_url(obj, "submit"))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "in_review"
    approve = APPROVE.get(kind, {})
    assert (
        office.post(_api_url(obj, "approve"), approve, format="json").status_code == 200
    )
    later = timezone.now() + dt.timedelta(days=2)
    response = office.post(
        _api_url(obj, "publish"), {"publish_at": later.isoformat()}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "published"
    assert dt.datetime.fromisoformat(body["publish_at"]) == later
    response = office.post(_api_url(obj, "withdraw"), WITHDRAW, format="json")
    assert response.json()["status"] == "withdrawn"


def test_api_errors_have_stable_codes(staff, reviewer, auditor, other_staff):
    document = DocumentFactory(department=staff.department, author=staff)
    author = _api(staff)
    response = author.post(_api_url(document, "explode"))
    assert response.status_code == 400
    assert response.json()["code"] == "publishing.unknown_action"
    # Permission before validation: the auditor's malformed publish is a 403.
    response = _api(auditor).post(
        _api_url(document, "publish"), {"publish_at": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    response = _api(reviewer).post(_api_url(document, "approve"), {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "publishing.transition"
    document.status = Status.IN_REVIEW
    document.save()
    response = _api(reviewer).post(_api_url(document, "reject"), {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "publishing.reason_required"
    response = _api(reviewer).post(
        _api_url(document, "publish"), {"publish_at": "明天"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "publish_at" in response.json()["detail"]
    assert _api(other_staff).get(_api_url(document)).status_code == 404
    assert APIClient().post(_api_url(document, "submit")).status_code in (401, 403)
    missing = reverse(
        "api:publishing-api:state", kwargs={"kind": "no.such", "pk": document.pk}
    )
    assert author.get(missing).status_code == 404


def test_api_delete_answers_204(staff):
    page = PageFactory(department=staff.department, author=staff)
    response = _api(staff).post(_api_url(page, "delete"))
    assert response.status_code == 204
    assert not type(page).objects.filter(pk=page.pk).exists()
