"""The draw workflow: freeze → commit → beacon → reveal → draw → publish, §12.2 aborts."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.core.draw import verify
from gongkai.core.draw.bundle import public_verify
from gongkai.core.draw.primitives import HashProfile, enc
from gongkai.inspections import services
from gongkai.inspections.choices import DrawState, InspectionState
from gongkai.inspections.protocol import draw_input, public_bundle

from .support import SIGNATURE, T0, make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(staff, department):
    registry()
    return make_task(by=staff, department=department)


def test_whole_draw_is_logged_verifiable_and_creates_inspections(task, staff, reviewer):
    d = run_to_drawn(task, office=reviewer, by=staff)
    assert d.state == DrawState.DRAWN
    assert d.commit["targets_count"] == 30 and d.commit["inspectors_count"] == 6
    assert verify({"input": draw_input(d), "output": d.output}).ok
    assert d.inspections.count() == d.output["result"]["selected_count"] == 6
    actions = list(
        AuditEvent.objects.filter(object_id=str(d.pk)).values_list("action", flat=True)
    )
    assert {
        "inspections.draw.freeze",
        "inspections.draw.commit",
        "inspections.draw.beacon",
        "inspections.draw.run",
    } <= set(actions)
    assert (
        d.commit_log_hash
        == AuditEvent.objects.get(action="inspections.draw.commit").hash
    )
    # Confidential: the output is not public until the draw is published (§12.1).
    assert public_bundle(d)["output"] is None and public_bundle(d)["secret_hex"] is None
    d = services.draw_publish(draw=d, by=reviewer, now=T0 + dt.timedelta(days=3))
    assert public_verify(public_bundle(d)).ok


def test_drand_randomness_is_sha256_of_the_signature(task, staff, reviewer):
    d = run_to_drawn(task, office=reviewer, by=staff)
    import hashlib

    assert (
        d.beacon_randomness_hex == hashlib.sha256(bytes.fromhex(SIGNATURE)).hexdigest()
    )


def test_commit_needs_ten_minutes_before_a_drand_round(task, staff, reviewer):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    late = d.beacon_time - dt.timedelta(minutes=9)
    with pytest.raises(ConflictError) as exc:
        services.draw_commit(draw=d, by=reviewer, now=late)
    assert exc.value.code == "inspections.draw.drand_too_soon"


def test_staff_cannot_commit_and_beacon_cannot_come_early(task, staff, reviewer):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    with pytest.raises(PermissionDeniedError):
        services.draw_commit(draw=d, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    with pytest.raises(ConflictError):
        services.draw_beacon_enter(draw=d, by=reviewer, now=T0, signature_hex=SIGNATURE)


@pytest.mark.parametrize(
    ("offset", "entered", "allowed"),
    [
        (dt.timedelta(hours=-1), False, True),  # error found before the beacon time
        (dt.timedelta(hours=1), False, False),  # beacon late but not 24 h yet
        (dt.timedelta(hours=24), False, True),  # unavailable 24 h after its time
    ],
)
def test_abandon_only_on_the_grounds_of_12_2(
    task, staff, reviewer, offset, entered, allowed
):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    when = d.beacon_time + offset
    if allowed:
        d = services.draw_abandon(
            draw=d, reason="名录中一户企业行业代码错误", by=reviewer, now=when
        )
        assert d.state == DrawState.ABANDONED
    else:
        with pytest.raises(ConflictError):
            services.draw_abandon(draw=d, reason="x", by=reviewer, now=when)


def test_no_abandon_once_the_beacon_is_entered(task, staff, reviewer):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    later = d.beacon_time + dt.timedelta(hours=30)
    d = services.draw_beacon_enter(
        draw=d, by=reviewer, now=later, signature_hex=SIGNATURE
    )
    with pytest.raises(ConflictError):
        services.draw_abandon(draw=d, reason="不想要这个结果", by=reviewer, now=later)


def test_restart_supersedes_with_a_later_beacon_and_publishes_the_old_secret(
    task, staff, reviewer
):
    d1 = services.draw_freeze(task=task, by=staff, now=T0)
    d1 = services.draw_commit(draw=d1, by=reviewer, now=T0)
    d1 = services.draw_abandon(
        draw=d1, reason="发现参数\n错误 ", by=reviewer, now=T0 + dt.timedelta(hours=1)
    )
    with pytest.raises(InvalidInputError):
        services.draw_freeze(
            task=task, by=staff, now=T0 + dt.timedelta(hours=2)
        )  # no new beacon
    d2 = services.draw_freeze(
        task=task,
        by=staff,
        now=T0 + dt.timedelta(hours=2),
        drand_round=2000,
        beacon_time=T0 + dt.timedelta(days=2),
    )
    assert d2.params["supersedes"] == {
        "commit_hash": d1.commit_hash,
        "reason": "发现参数 错误",
    }
    assert d2.secret_hex != d1.secret_hex
    assert public_bundle(d1)["secret_hex"] is None
    services.draw_commit(draw=d2, by=reviewer, now=T0 + dt.timedelta(hours=2))
    d1.refresh_from_db()
    assert public_bundle(d1)["secret_hex"] == d1.secret_hex


def test_no_second_draw_after_a_completed_one(task, staff, reviewer):
    run_to_drawn(task, office=reviewer, by=staff)
    with pytest.raises(ConflictError):
        services.draw_freeze(
            task=task, by=staff, now=T0 + dt.timedelta(days=3), drand_round=5000
        )


def test_contributions_commit_reveal_and_enter_the_seed(task, staff, reviewer):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    value = bytes(range(32))
    commitment = (
        HashProfile.for_alg("sha256")
        .h(enc("DSR-CONTRIB", task.code, "notary", value))
        .hex()
    )
    services.contribution_add(
        draw=d,
        contributor_id="notary",
        name="公证处",
        commitment=commitment,
        by=reviewer,
        now=T0,
    )
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    assert d.commit["contributor_commitments"] == [
        {"id": "notary", "commitment": commitment}
    ]
    c = d.contributions.get()
    with pytest.raises(InvalidInputError):
        services.contribution_reveal(
            contribution=c, value_hex="00" * 32, by=reviewer, now=T0
        )
    after = d.beacon_time + dt.timedelta(minutes=1)
    d = services.draw_beacon_enter(
        draw=d, by=reviewer, now=after, signature_hex=SIGNATURE
    )
    with pytest.raises(ConflictError):  # not revealed and the deadline not passed
        services.draw_run(draw=d, by=reviewer, now=after)
    services.contribution_reveal(
        contribution=c, value_hex=value.hex(), by=reviewer, now=after
    )
    d = services.draw_run(draw=d, by=reviewer, now=after)
    assert d.output["result"]["contributions"] == [
        {"id": "notary", "value": value.hex()}
    ]


def test_lottery_beacon_builds_the_rfc3797_key(staff, department, reviewer):
    registry()
    task = make_task(
        by=staff,
        department=department,
        beacon_type="lottery",
        drand_chain_hash="",
        drand_round=None,
        lottery_draws=[
            {"game": "双色球", "issue": "2026025"},
            {"game": "福彩3D", "issue": "2026061"},
        ],
        mode="public",
    )
    d = services.draw_freeze(task=task, by=staff, now=T0)
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    after = d.beacon_time + dt.timedelta(hours=1)
    with pytest.raises(InvalidInputError):
        services.draw_beacon_enter(
            draw=d, by=reviewer, now=after, lottery_lines=["3 9 14"]
        )
    d = services.draw_beacon_enter(
        draw=d, by=reviewer, now=after, lottery_lines=["27 3 14 21 9 30 + 11", "5 1 8"]
    )
    assert bytes.fromhex(d.beacon_randomness_hex) == b"3.9.14.21.27.30./11./1.5.8./"
    d = services.draw_run(draw=d, by=reviewer, now=after)
    assert d.state == DrawState.PUBLISHED  # public mode: published at once
    assert public_verify(public_bundle(d)).ok


def test_team_size_below_two_is_refused(staff, department):
    with pytest.raises(InvalidInputError):
        make_task(by=staff, department=department, team_size=1)


def test_invalid_parameters_get_the_protocol_message(staff, department):
    with pytest.raises(InvalidInputError) as exc:
        make_task(by=staff, department=department, risk_weights={"A": 2_000_000})
    assert "数值超出" in str(exc.value.message)


def test_unstaffed_targets_get_a_follow_up_draw(
    staff, department, reviewer, other_department
):
    registry(inspectors=0)
    from .factories import InspectorFactory

    InspectorFactory(home_region="330106", department=other_department)
    InspectorFactory(home_region="330108", department=other_department)
    task = make_task(
        by=staff, department=department, followup_departments=[other_department]
    )
    d = run_to_drawn(task, office=reviewer, by=staff)
    assert d.inspections.filter(state=InspectionState.ASSIGNED).count() == 6  # one team
    # No qualification for a second industry: create a draw where nobody qualifies.
    task2 = make_task(
        by=staff, department=department, code="HZ-2026-002", industries=["F52"]
    )
    task2.team_size = 2
    d2 = run_to_drawn(task2, office=reviewer, by=staff)
    d2.inspections.update(state=InspectionState.UNSTAFFED, team=None)
    f = services.draw_freeze(
        task=task2,
        by=staff,
        now=T0 + dt.timedelta(days=2),
        follows=d2,
        drand_round=3000,
        beacon_time=T0 + dt.timedelta(days=3),
    )
    assert (
        f.params["target_count"] == 6
        and f.params["meta"]["follows_commit_hash"] == d2.commit_hash
    )
    assert set(f.params["risk_weights"].values()) == {1}
    f = services.draw_commit(draw=f, by=reviewer, now=T0 + dt.timedelta(days=2))
    after = f.beacon_time + dt.timedelta(minutes=1)
    f = services.draw_beacon_enter(
        draw=f, by=reviewer, now=after, randomness_hex="ef" * 32
    )
    f = services.draw_run(draw=f, by=reviewer, now=after)
    assert (
        d2.inspections.filter(state=InspectionState.ASSIGNED, staffing_draw=f).count()
        == 6
    )


@pytest.mark.parametrize("cid", ["", "a\tb", "x" * 65])
def test_contributor_ids_are_protocol_texts(task, staff, reviewer, cid):
    d = services.draw_freeze(task=task, by=staff, now=T0)
    with pytest.raises(InvalidInputError):
        services.contribution_add(
            draw=d,
            contributor_id=cid,
            name="公证处",
            commitment="ab" * 32,
            by=reviewer,
            now=T0,
        )
