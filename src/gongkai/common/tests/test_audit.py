"""audit_record appends to the hash chain; audit_verify finds the first broken event."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.common.audit import (
    REASON_HEAD,
    audit_record,
    audit_verify,
    event_payload,
    jsonable,
)
from gongkai.common.context import request_id_var
from gongkai.common.models import AuditEvent, AuditHead
from gongkai.common.tests.support import act
from gongkai.core import audit as chain
from gongkai.publishing.audit_actions import PublishingAudit

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 2, 10, 9, 30, tzinfo=SHANGHAI)


pytestmark = pytest.mark.django_db


def _record_many(n: int, actor: object = None) -> list[AuditEvent]:
    return [
        audit_record(
            actor=actor,
            action=act(f"test.step{i}"),
            changes={"i": i},
            now=T0 + dt.timedelta(minutes=i),
        )
        for i in range(1, n + 1)
    ]


def test_audit_record_chains_events_and_moves_the_head() -> None:
    first, second, third = _record_many(3)

    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_hash == chain.GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (3, third.hash)


def test_stored_hash_covers_the_reloaded_payload() -> None:
    user = UserFactory(username="hasher")
    event = audit_record(
        actor=user,
        action=act("test.stored"),
        obj=user.department,
        changes={"when": T0, "amount": decimal.Decimal("1.50"), "tags": {"b", "a"}},
        now=T0,
    )

    stored = AuditEvent.objects.get(seq=event.seq)
    assert stored.changes == {
        "when": "2026-02-10T01:30:00.000000+00:00",
        "amount": "1.50",
        "tags": ["a", "b"],
    }
    assert stored.hash == chain.event_hash(stored.prev_hash, event_payload(stored))


def test_audit_record_captures_the_request_id_from_the_context_var() -> None:
    token = request_id_var.set("req0123abcd")
    try:
        inside = audit_record(actor=None, action=act("test.inside"), now=T0)
    finally:
        request_id_var.reset(token)
    outside = audit_record(actor=None, action=act("test.outside"), now=T0)

    assert AuditEvent.objects.get(seq=inside.seq).request_id == "req0123abcd"
    assert AuditEvent.objects.get(seq=outside.seq).request_id == ""


@pytest.mark.parametrize(
    ("actor_kind", "expected_name", "has_user"),
    [
        ("user", "recorder", True),
        ("none", "系统", False),
        ("text", "calendar import", False),
    ],
)
def test_audit_record_names_the_actor(
    actor_kind: str, expected_name: str, has_user: bool
) -> None:
    user = UserFactory(username="recorder")
    actor = {"user": user, "none": None, "text": "calendar import"}[actor_kind]

    event = audit_record(actor=actor, action=act("test.actor"), now=T0)

    assert event.actor_name == expected_name
    assert event.actor_id == (user.pk if has_user else None)


def test_audit_record_describes_the_object() -> None:
    department = DepartmentFactory(name="计量处", code="metrology")

    event = audit_record(actor=None, action=act("test.obj"), obj=department, now=T0)

    assert (event.object_type, event.object_id, event.object_repr) == (
        "accounts.department",
        str(department.pk),
        "计量处",
    )


def test_audit_record_without_object_leaves_it_blank() -> None:
    event = audit_record(actor=None, action=act("test.none"), now=T0)

    assert (event.object_type, event.object_id, event.object_repr) == ("", "", "")
    assert event.changes == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (7, 7),
        ("文本", "文本"),
        (
            dt.datetime(2026, 1, 1, 8, 0, tzinfo=SHANGHAI),
            "2026-01-01T00:00:00.000000+00:00",
        ),
        (dt.date(2026, 2, 29 - 1), "2026-02-28"),
        (decimal.Decimal("0.10"), "0.10"),
        (1.5, "1.5"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ((1, "a"), [1, "a"]),
        (frozenset({"z", "y"}), ["y", "z"]),
        ({1: {"d": dt.date(2026, 1, 2)}}, {"1": {"d": "2026-01-02"}}),
        (object, str(object)),
    ],
)
def test_jsonable_maps_to_the_canonical_profile(
    value: object, expected: object
) -> None:
    assert jsonable(value) == expected


def test_audit_verify_ok_on_an_intact_chain() -> None:
    _record_many(4)

    result = audit_verify()

    assert (result.ok, result.checked, result.first_broken, result.reason) == (
        True,
        4,
        None,
        "",
    )


def test_audit_verify_ok_on_an_empty_chain() -> None:
    result = audit_verify()

    assert (result.ok, result.checked, result.first_broken) == (True, 0, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("changes", {"i": 999}),
        ("object_repr", "篡改"),
        ("actor_name", "someone else"),
        ("action", "test.forged"),
        ("occurred_at", dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    ],
)
@pytest.mark.parametrize("k", [1, 3, 5])
def test_audit_verify_reports_the_tampered_event(
    field: str, value: object, k: int
) -> None:
    _record_many(5)
    AuditEvent.objects.filter(seq=k).update(**{field: value})

    result = audit_verify()

    assert (result.ok, result.first_broken, result.checked) == (False, k, k - 1)
    assert result.reason == chain.REASON_HASH


@pytest.mark.parametrize(
    ("k", "reason"),
    [(1, chain.REASON_GENESIS), (3, chain.REASON_GAP), (5, REASON_HEAD)],
)
def test_audit_verify_names_a_deleted_event(k: int, reason: str) -> None:
    _record_many(5)
    AuditEvent.objects.filter(seq=k).delete()

    result = audit_verify()

    assert (result.ok, result.first_broken, result.checked, result.reason) == (
        False,
        k,
        k - 1,
        reason,
    )


def test_audit_verify_names_the_first_of_several_deleted_tail_events() -> None:
    _record_many(5)
    AuditEvent.objects.filter(seq__gte=4).delete()

    result = audit_verify()

    assert (result.ok, result.first_broken, result.reason) == (False, 4, REASON_HEAD)


def test_audit_verify_reports_a_replaced_last_event() -> None:
    events = _record_many(3)
    AuditEvent.objects.filter(seq=3).delete()
    # A forger re-appends a self-consistent event #3 without moving the head.
    forged = AuditEvent(
        seq=3,
        occurred_at=T0,
        actor_name="系统",
        action="test.forged",
        changes={},
        prev_hash=events[1].hash,
    )
    forged.hash = chain.event_hash(forged.prev_hash, event_payload(forged))
    forged.save(force_insert=True)

    result = audit_verify()

    assert (result.ok, result.first_broken, result.reason) == (False, 3, REASON_HEAD)


def test_audit_verify_ignores_events_beyond_the_head_it_read() -> None:
    _record_many(2)
    AuditHead.objects.filter(pk=1).update(
        seq=1, hash=AuditEvent.objects.get(seq=1).hash
    )

    result = audit_verify()

    assert (result.ok, result.checked) == (True, 1)


def test_audit_verify_reports_a_relinked_event() -> None:
    events = _record_many(3)
    AuditEvent.objects.filter(seq=2).update(prev_hash=events[2].hash)

    result = audit_verify()

    assert (result.ok, result.first_broken, result.reason) == (
        False,
        2,
        chain.REASON_PREV,
    )


def test_an_action_must_be_a_typed_constant() -> None:
    with pytest.raises(TypeError):
        audit_record(actor=None, action="publishing.submit", now=T0)  # type: ignore[arg-type]
    event = audit_record(actor=None, action=PublishingAudit.SUBMIT, now=T0)
    assert event.action == "publishing.submit"
