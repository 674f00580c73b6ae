"""The service steps both kinds share (drafts.py), through each kind's services:
the same refusals, revisions and audit events for penalties and licensing
decisions, each in its own words and codes."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import ConflictError, InvalidInputError
from gongkai.common.models import AuditEvent
from gongkai.penalties import services as penalties
from gongkai.penalties.licences import services as licences
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.licence_factories import licence_record
from gongkai.publishing import services as pub

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 10, 20, 10, tzinfo=SH)


def _penalty_update(obj, raw, by):
    return penalties.penalty_update(penalty=obj, record=raw, by=by, now=NOW)


def _licence_update(obj, raw, by):
    return licences.licence_update(licence=obj, record=raw, by=by, now=NOW)


KINDS = {
    "penalty": (
        penalties.penalty_create, _penalty_update, record, "CF_WSH", "CF_NR",
        "CF_XDR_SHXYM", "penalty", "处罚信息",
    ),
    "licence": (
        licences.licence_create, _licence_update, licence_record, "XK_WSH", "XK_NR",
        "XK_XDR_SHXYM", "licence", "许可信息",
    ),
}  # fmt: skip


@pytest.fixture(params=list(KINDS))
def kind(request):
    return KINDS[request.param]


def test_create_stores_a_draft_with_its_first_revision_and_audit_event(staff, kind):
    create, _update, raw, *_codes, prefix, _words = kind
    obj = create(record=raw(), department=staff.department, by=staff, now=NOW)
    assert (obj.status, obj.revision, obj.author) == ("draft", 1, staff)
    event = AuditEvent.objects.get(action=f"{prefix}.create")
    assert event.object_id == str(obj.pk)
    assert event.changes["decision_number"] == obj.decision_number


def test_a_refused_record_names_every_bad_cell_with_its_label(staff, kind):
    create, _update, raw, _wsh, _content, uscc, prefix, _words = kind
    with pytest.raises(InvalidInputError) as exc:
        create(
            record=raw(**{uscc: "91350100M000100Y44"}),
            department=staff.department,
            by=staff,
            now=NOW,
        )
    assert exc.value.code == f"{prefix}.invalid"
    (item,) = exc.value.detail
    assert item["field"] == uscc and "校验位" in item["message"]
    assert str(exc.value.message) == f"{item['label']}：{item['message']}"


def test_update_audits_the_changed_fields_and_only_a_draft_changes(
    staff, reviewer, kind
):
    create, update, raw, _wsh, content, _uscc, prefix, words = kind
    first = raw()
    obj = create(record=first, department=staff.department, by=staff, now=NOW)
    changed = dict(first, **{content: "改过的内容"})
    obj = update(obj, changed, staff)
    assert obj.content == "改过的内容" and obj.revision == 2
    event = AuditEvent.objects.get(action=f"{prefix}.update")
    assert event.changes == {"changed": ["content"]}
    pub.publishing_submit(obj=obj, by=staff, now=NOW)
    with pytest.raises(ConflictError) as exc:
        update(obj, changed, staff)
    assert exc.value.code == "publishing.not_draft"
    assert f"已发布的{words}请先撤回" in str(exc.value.message)


def test_publishing_stops_only_the_clock_of_its_own_rule(staff, reviewer):
    # A penalty runs two clocks (site and 国家企业信用信息公示系统); publishing on the
    # site stops one of them.
    p = penalties.penalty_create(
        record=record(), department=staff.department, by=staff, now=NOW
    )
    pub.publishing_submit(obj=p, by=staff, now=NOW)
    pub.publishing_approve(obj=p, by=reviewer, now=NOW)
    penalties.penalty_publish(penalty=p, by=reviewer, now=NOW)
    states = dict(clocks_for(p).values_list("rule_key", "state"))
    assert states["penalty.publish"] == CachedState.STOPPED
    assert states["penalty.publish_samr"] != CachedState.STOPPED
