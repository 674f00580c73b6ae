"""Penalty services: state, clock, window and audit event, at fixed times."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.penalties import rules, services
from gongkai.penalties.models import Penalty
from gongkai.penalties.tests.factories import person_record, record
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 9, 21, 10, 0, tzinfo=SH)
D = dt.date


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=SH)


def published(staff, reviewer, now=NOW, **overrides):
    p = services.penalty_create(
        record=record(**overrides), department=staff.department, by=staff, now=now
    )
    pub.publishing_submit(obj=p, by=staff, now=now)
    pub.publishing_approve(obj=p, by=reviewer, now=now)
    return services.penalty_publish(penalty=p, by=reviewer, now=now)


def test_create_starts_both_publication_clocks_and_audits(staff):
    p = services.penalty_create(
        record=record(), department=staff.department, by=staff, now=NOW
    )
    assert p.status == Status.DRAFT and p.revision == 1
    assert (p.publish_due_on, p.gsxt_due_on) == (D(2026, 9, 29), D(2026, 10, 22))
    clocks = {c.rule_key: c for c in clocks_for(p)}
    assert set(clocks) == {"penalty.publish", "penalty.publish_samr"}
    site, gsxt = clocks["penalty.publish"], clocks["penalty.publish_samr"]
    assert site.due_at == dt.datetime(2026, 9, 30, tzinfo=SH)  # 9-29 24:00
    assert gsxt.due_at == dt.datetime(2026, 10, 23, tzinfo=SH)  # 总局令第45号 第九条
    assert site.department == gsxt.department == staff.department
    event = AuditEvent.objects.filter(action="penalty.create").get()
    assert event.object_id == str(p.pk)


def test_warning_only_is_not_published_and_its_clock_stops(staff, reviewer):
    p = services.penalty_create(
        record=record(CF_CFLB="警告", CF_NR="警告", CF_NR_FK=None, CF_NR_WFFF=None),
        department=staff.department,
        by=staff,
        now=NOW,
    )
    assert p.publish_required is False
    assert {c.state for c in clocks_for(p)} == {CachedState.STOPPED}
    pub.publishing_submit(obj=p, by=staff, now=NOW)
    pub.publishing_approve(obj=p, by=reviewer, now=NOW)
    with pytest.raises(ConflictError) as exc:
        services.penalty_publish(penalty=p, by=reviewer, now=NOW)
    assert exc.value.code == "penalty.not_published"


def test_invalid_record_raises_with_every_problem_and_writes_nothing(staff):
    with pytest.raises(InvalidInputError) as exc:
        services.penalty_create(
            record=record(CF_XDR_SHXYM="bad", CF_JDRQ=""),
            department=staff.department,
            by=staff,
            now=NOW,
        )
    fields = [d["field"] for d in exc.value.detail]
    assert fields == ["CF_XDR_SHXYM", "CF_JDRQ"]
    assert "统一社会信用代码" in str(exc.value.message)
    assert not Penalty.objects.exists()


def test_duplicate_decision_number_is_refused(staff):
    services.penalty_create(
        record=record(CF_WSH="闽质监罚字〔2026〕900号"),
        department=staff.department,
        by=staff,
        now=NOW,
    )
    with pytest.raises(ConflictError):
        services.penalty_create(
            record=record(CF_WSH="闽质监罚字[2026]900号"),
            department=staff.department,
            by=staff,
            now=NOW,
        )


def test_other_department_cannot_create_or_update(staff, other_staff):
    with pytest.raises(PermissionDeniedError):
        services.penalty_create(
            record=record(), department=staff.department, by=other_staff, now=NOW
        )
    p = services.penalty_create(
        record=record(), department=staff.department, by=staff, now=NOW
    )
    with pytest.raises(PermissionDeniedError):
        services.penalty_update(penalty=p, record=record(), by=other_staff, now=NOW)


def test_update_keeps_number_and_makes_a_revision(staff):
    raw = record()
    p = services.penalty_create(
        record=raw, department=staff.department, by=staff, now=NOW
    )
    raw["CF_NR"] = "罚款人民币2万元。"
    p = services.penalty_update(penalty=p, record=raw, by=staff, now=NOW)
    assert p.content == "罚款人民币2万元。" and p.revision == 2
    raw["CF_WSH"] = "闽质监罚字〔2026〕999号"
    with pytest.raises(InvalidInputError):
        services.penalty_update(penalty=p, record=raw, by=staff, now=NOW)


def test_publish_sets_the_window_and_stops_only_the_site_clock(staff, reviewer):
    p = published(staff, reviewer)
    assert p.publish_at == NOW
    # 总局令第45号 第十三条: 3 years from the publication on 9-21, not the decision
    assert p.publicity_until == D(2029, 9, 21)
    assert p.unpublish_at == dt.datetime(2029, 9, 22, tzinfo=SH)
    site = clocks_for(p).get(rule_key="penalty.publish")
    assert site.state == CachedState.STOPPED and site.stopped_late is False
    gsxt = clocks_for(p).get(rule_key="penalty.publish_samr")
    assert gsxt.state == CachedState.RUNNING and p.gsxt_published_on is None
    assert Penalty.objects.visible(at(2029, 9, 21, 23)).filter(pk=p.pk).exists()
    assert not Penalty.objects.visible(at(2029, 9, 22, 0)).filter(pk=p.pk).exists()


# Decided 2026-09-18 (factories.record), published on the site on ``site_on``, in
# 国家企业信用信息公示系统 on ``gsxt_on``: each clock stops on its own day.
@pytest.mark.parametrize(
    ("overrides", "site_on", "gsxt_on", "until", "site_late", "gsxt_late"),
    [
        ({}, D(2026, 9, 24), D(2026, 10, 22), D(2029, 9, 24), False, False),
        # 7th working day 9-29 (9-20 Sun working, 9-25..27 off) and after it
        ({}, D(2026, 9, 29), D(2026, 10, 23), D(2029, 9, 29), False, True),
        ({}, D(2026, 9, 30), D(2026, 10, 9), D(2029, 9, 30), True, False),
        # a small fine: 3 months from publication, also in the food sector
        (
            {"CF_CFLB": "罚款", "CF_NR_FK": "0.5", "CF_NR_WFFF": None, "HYLY": "食品"},
            D(2026, 9, 24),
            D(2026, 10, 22),
            D(2026, 12, 24),
            False,
            False,
        ),
    ],
)
def test_both_clocks_stop_on_their_own_publication(
    staff, reviewer, overrides, site_on, gsxt_on, until, site_late, gsxt_late
):
    p = published(
        staff, reviewer, now=at(site_on.year, site_on.month, site_on.day), **overrides
    )
    assert p.publicity_until == until
    later = at(2026, 10, 26)
    p = services.penalty_gsxt_record(
        penalty=p, published_on=gsxt_on, by=staff, now=later
    )
    assert p.gsxt_published_on == gsxt_on
    clocks = {c.rule_key: c for c in clocks_for(p)}
    assert clocks["penalty.publish"].stopped_late is site_late
    assert clocks["penalty.publish_samr"].state == CachedState.STOPPED
    assert clocks["penalty.publish_samr"].stopped_late is gsxt_late
    assert AuditEvent.objects.filter(action="penalty.gsxt_record").count() == 1


def test_gsxt_record_checks_date_permission_and_repeat(staff, other_staff, reviewer):
    p = published(staff, reviewer)
    with pytest.raises(PermissionDeniedError):
        services.penalty_gsxt_record(
            penalty=p, published_on=D(2026, 9, 21), by=other_staff, now=NOW
        )
    for bad in (D(2026, 9, 17), D(2026, 9, 22)):  # before the decision; tomorrow
        with pytest.raises(InvalidInputError):
            services.penalty_gsxt_record(penalty=p, published_on=bad, by=staff, now=NOW)
    services.penalty_gsxt_record(
        penalty=p, published_on=D(2026, 9, 21), by=staff, now=NOW
    )
    with pytest.raises(ConflictError):
        services.penalty_gsxt_record(
            penalty=p, published_on=D(2026, 9, 21), by=staff, now=NOW
        )


def test_small_fine_is_visible_for_three_months_only(staff, reviewer):
    p = published(staff, reviewer, CF_CFLB="罚款", CF_NR_FK="0.5", CF_NR_WFFF=None)
    assert p.publicity_until == D(2026, 12, 21)  # published 9-21
    visible = Penalty.objects.visible
    assert visible(at(2026, 12, 21, 20)).filter(pk=p.pk).exists()
    assert not visible(at(2026, 12, 22, 1)).filter(pk=p.pk).exists()


def test_publication_after_the_due_date_is_recorded_late(staff, reviewer):
    p = published(staff, reviewer, now=at(2026, 10, 9))
    assert clocks_for(p).get(rule_key="penalty.publish").stopped_late is True


def test_decision_change_starts_three_day_withdrawal_clock(staff, reviewer):
    p = published(staff, reviewer)
    p = services.penalty_change_record(
        penalty=p,
        kind="revoked",
        changed_on=dt.date(2026, 9, 30),
        by=staff,
        now=at(2026, 9, 30),
    )
    clock = clocks_for(p).get(rule_key="penalty.withdraw")
    assert clock.due_at == dt.datetime(2026, 10, 11, tzinfo=SH)  # 10-10 24:00
    p = services.penalty_withdraw(
        penalty=p,
        kind="revoked",
        changed_on=dt.date(2026, 9, 30),
        reason="行政复议决定撤销原处罚决定",
        by=reviewer,
        now=at(2026, 10, 9),
    )
    assert p.status == Status.WITHDRAWN
    assert p.withdraw_reason == "行政复议决定撤销原处罚决定"
    clock.refresh_from_db()
    assert clock.state == CachedState.STOPPED and not clock.stopped_late
    assert not Penalty.objects.visible(at(2026, 10, 9, 12)).filter(pk=p.pk).exists()


def test_withdraw_needs_a_reason_and_a_reviewer(staff, reviewer):
    p = published(staff, reviewer)
    with pytest.raises(InvalidInputError):
        services.penalty_withdraw(
            penalty=p,
            kind="changed",
            changed_on=dt.date(2026, 9, 21),
            reason=" ",
            by=reviewer,
            now=NOW,
        )
    with pytest.raises(PermissionDeniedError):
        services.penalty_withdraw(
            penalty=p,
            kind="changed",
            changed_on=dt.date(2026, 9, 21),
            reason="x",
            by=staff,
            now=NOW,
        )


def test_early_end_after_credit_repair(staff, reviewer):
    p = published(staff, reviewer)
    ok = rules.RepairConditions(True, True, True, True)
    with pytest.raises(ConflictError) as exc:
        services.penalty_early_end(
            penalty=p, conditions=ok, note="", by=reviewer, now=at(2026, 12, 17)
        )
    assert "最短公示期未满" in str(exc.value.message)
    later = at(2026, 12, 18)
    p = services.penalty_early_end(
        penalty=p, conditions=ok, note="已完成信用修复", by=reviewer, now=later
    )
    assert p.unpublish_at == later
    assert not Penalty.objects.visible(later).filter(pk=p.pk).exists()
    assert AuditEvent.objects.filter(action="penalty.early_end").count() == 1


def test_approval_is_blocked_by_personal_data_in_the_decision_text(staff, reviewer):
    p = services.penalty_create(
        record=person_record(), department=staff.department, by=staff, now=NOW
    )
    # Staff slip an ID number into the text after validation (e.g. by the admin).
    Penalty.objects.filter(pk=p.pk).update(decision_text="身份证 11010519491231002X")
    p.refresh_from_db()
    pub.publishing_submit(obj=p, by=staff, now=NOW)
    with pytest.raises(ConflictError) as exc:
        pub.publishing_approve(obj=p, by=reviewer, now=NOW)
    assert exc.value.code == "publishing.blocked"
