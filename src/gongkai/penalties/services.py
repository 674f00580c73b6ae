"""Writes on penalty records: create/update a draft, publish with its window, withdraw
after a change of the decision, end early after credit repair, record "not published".

Review (submit, approve, reject, reopen) is the shared lifecycle in publishing.services;
these services add what is particular to penalties: the two publication clocks started
on the decision (7 working days on the bureau's site, 20 in 国家企业信用信息公示系统 per
总局令第45号 第九条; rules module docstring), each stopped by its own publication, the
publication window counted from the day of publication (rules.publication_window)
turned into the visibility window ``[publish_at, unpublish_at)``, and the
3-working-day withdrawal clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.clocks.services import (
    ClockStartItem,
    clock_event_add,
    clock_start,
    clocks_start_bulk,
)
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.penalties.audit_actions import PenaltiesAudit
from gongkai.publishing import services as pub

from . import rules
from .choices import ChangeKind
from .derive import RulesOn, start_of_day, today_in_shanghai
from .drafts import (
    draft_create,
    draft_lock,
    draft_update,
    record_clocks_stop,
    record_insert,
    record_invalid_error,
    record_personal_data_view,
)
from .fields import BY_CODE
from .models import Penalty


def penalty_clock_start(penalty: Penalty, *, by: Staff, now: dt.datetime) -> None:
    """Start both publication clocks on the decision day (stopped at once when the
    decision is not to be publicised); callers hold the transaction."""
    at = min(start_of_day(penalty.decided_on), now)
    for rule_key, title in _CLOCK_TITLES.items():
        clock = clock_start(
            subject=penalty,
            rule_key=rule_key,
            at=at,
            title=str(title) % penalty.decision_number,
            department=penalty.department,
            start_event="decided",
            by=by,
            now=now,
        )
        if not penalty.publish_required:
            # 总局令第45号 第二条: a warning-only decision is not publicised.
            clock_event_add(clock=clock, kind="not_published", at=now, by=by, now=now)


_CLOCK_TITLES = {
    rules.SITE_RULE_KEY: gettext_lazy("处罚公示（网站）：%s"),
    rules.GSXT_RULE_KEY: gettext_lazy("处罚公示（国家企业信用信息公示系统）：%s"),
}


def penalties_clock_start_bulk(
    penalties: Iterable[Penalty], *, by: Staff, now: dt.datetime
) -> None:
    """``penalty_clock_start`` for many penalties (an import batch): one bulk start
    and one audit event per publication rule; callers hold the transaction."""
    by_rule: dict[str, list[ClockStartItem]] = {key: [] for key in _CLOCK_TITLES}
    for penalty in penalties:
        for rule_key, title in _CLOCK_TITLES.items():
            by_rule[rule_key].append(
                ClockStartItem(
                    subject=penalty,
                    at=min(start_of_day(penalty.decided_on), now),
                    title=str(title) % penalty.decision_number,
                    department_id=penalty.department_id,
                    # 总局令第45号 第二条: a warning-only decision is not publicised.
                    stop=None if penalty.publish_required else "not_published",
                )
            )
    for rule_key, items in by_rule.items():
        if items:
            clocks_start_bulk(
                rule_key=rule_key, items=items, start_event="decided", by=by, now=now
            )


@transaction.atomic
def penalty_create(
    *,
    record: Mapping[str, Any],
    department: Any,
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """Create a draft penalty from raw cells keyed by exchange code; start its clock."""
    now = now or timezone.now()
    if not can_edit_content(by, Penalty(department=department)):
        raise PermissionDeniedError()
    rules_on = RulesOn()
    result = rules_on.validate(record, now=now)
    if not result.ok:
        raise record_invalid_error(result, fields=BY_CODE, code="penalty.invalid")
    number = result.values["decision_number"]
    values = rules_on.model_values(result.values)
    penalty = record_insert(
        Penalty,
        lambda: draft_create(
            Penalty,
            values=values,
            department=department,
            by=by,
            now=now,
            action=PenaltiesAudit.CREATE,
        ),
        number=number,
    )
    if penalty is None:
        raise ConflictError(
            _("决定书文号“%s”已经登记。") % number, code="penalty.duplicate"
        )
    penalty_clock_start(penalty, by=by, now=now)
    return penalty


@transaction.atomic
def penalty_update(
    *,
    penalty: Penalty,
    record: Mapping[str, Any],
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """Change a draft penalty (the decision number stays); a new revision is kept."""
    now = now or timezone.now()
    if not can_edit_content(by, penalty):
        raise PermissionDeniedError()
    penalty = draft_lock(
        Penalty, penalty, not_draft=_("只有草稿可以修改；已发布的处罚信息请先撤回。")
    )
    rules_on = RulesOn()
    result = rules_on.validate(record, now=now)
    if not result.ok:
        raise record_invalid_error(result, fields=BY_CODE, code="penalty.invalid")
    if result.values["decision_number"] != penalty.decision_number:
        raise InvalidInputError(_("决定书文号不能修改。"), code="penalty.number_fixed")
    return draft_update(
        penalty,
        values=rules_on.model_values(result.values),
        by=by,
        now=now,
        action=PenaltiesAudit.UPDATE,
    )


def visibility_end_of(publicity_until: dt.date) -> dt.datetime:
    """公示截止期 is shown through its whole day (民法典 第二百零三条: until 24:00)."""
    return start_of_day(publicity_until + dt.timedelta(days=1))


def visibility_end(penalty: Penalty) -> dt.datetime:
    """The end of the visibility window of ``penalty``."""
    return visibility_end_of(penalty.publicity_until)


@transaction.atomic
def penalty_publish(
    *,
    penalty: Penalty,
    by: Staff,
    publish_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Penalty:
    """Publish an approved penalty for its publication window; stop its clock."""
    now = now or timezone.now()
    if not penalty.publish_required:
        raise ConflictError(
            _("仅警告的处罚决定不予公示（总局令第45号）。"),
            code="penalty.not_published",
        )
    start = publish_at or now
    published_on = today_in_shanghai(start)
    # 总局令第45号 第十三条: the period runs from the day of publication; a later
    # 公示截止期 given with the record stands.
    window = RulesOn().window_on_publication(
        decided_on=penalty.decided_on,
        types=tuple(penalty.types),
        fine_amount=penalty.fine_amount,
        sector=penalty.sector,
        restriction_until=penalty.restriction_until,
        published_on=published_on,
    )
    if window.until > penalty.publicity_until:
        penalty.publicity_until, penalty.window_basis = window.until, window.basis
    penalty.earliest_end = window.earliest_end
    end = visibility_end(penalty)
    if end <= start:
        raise ConflictError(
            _("公示截止期 %s 已过，不能再发布。") % penalty.publicity_until,
            code="penalty.window_over",
        )
    Penalty.objects.filter(pk=penalty.pk).update(
        publicity_until=penalty.publicity_until,
        window_basis=penalty.window_basis,
        earliest_end=penalty.earliest_end,
    )
    penalty = pub.publishing_publish(
        obj=penalty, by=by, publish_at=start, unpublish_at=end, now=now
    )  # type: ignore[assignment]
    record_clocks_stop(
        penalty,
        rule_key=rules.SITE_RULE_KEY,
        kind="published",
        at=start,
        by=by,
        now=now,
    )
    return penalty


@transaction.atomic
def penalty_gsxt_record(
    *,
    penalty: Penalty,
    published_on: dt.date,
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """Record the day the decision was publicised in 国家企业信用信息公示系统
    (总局令第45号 第九条); stops that clock, on time or late."""
    now = now or timezone.now()
    if not can_edit_content(by, penalty):
        raise PermissionDeniedError()
    if not penalty.publish_required:
        raise ConflictError(
            _("仅警告的处罚决定不予公示（总局令第45号 第二条）。"),
            code="penalty.not_published",
        )
    if published_on > today_in_shanghai(now) or published_on < penalty.decided_on:
        raise InvalidInputError(
            _("公示日期应在处罚决定日期与今天之间。"), code="penalty.gsxt_date"
        )
    penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
    if penalty.gsxt_published_on is not None:
        raise ConflictError(
            _("已登记在国家企业信用信息公示系统公示（%s）。")
            % penalty.gsxt_published_on,
            code="penalty.gsxt_recorded",
        )
    penalty.gsxt_published_on = published_on
    penalty.save(update_fields=["gsxt_published_on", "updated_at"])
    audit_record(
        actor=by,
        action=PenaltiesAudit.GSXT_RECORD,
        obj=penalty,
        now=now,
        changes={"published_on": published_on},
    )
    record_clocks_stop(
        penalty,
        rule_key=rules.GSXT_RULE_KEY,
        kind="published",
        at=min(start_of_day(published_on), now),
        by=by,
        now=now,
    )
    return penalty


@transaction.atomic
def penalty_change_record(
    *,
    penalty: Penalty,
    kind: str,
    changed_on: dt.date,
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """Record that the decision was changed, revoked or annulled: the 3-working-day
    withdrawal clock starts (行政处罚法 第四十八条, 总局令第45号 第十一条)."""
    now = now or timezone.now()
    if not can_edit_content(by, penalty):
        raise PermissionDeniedError()
    if kind not in ChangeKind.values:
        raise InvalidInputError(_("请选择决定变更的情形。"), code="penalty.change_kind")
    if changed_on > today_in_shanghai(now) or changed_on < penalty.decided_on:
        raise InvalidInputError(
            _("变更日期应在处罚决定日期与今天之间。"), code="penalty.changed_on"
        )
    penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
    penalty.change_kind, penalty.changed_on = kind, changed_on
    penalty.save(update_fields=["change_kind", "changed_on", "updated_at"])
    audit_record(
        actor=by,
        action=PenaltiesAudit.CHANGE_RECORD,
        obj=penalty,
        now=now,
        changes={"kind": kind, "changed_on": changed_on},
    )
    if not clocks_for(penalty).filter(rule_key=rules.WITHDRAW_RULE_KEY).exists():
        clock_start(
            subject=penalty,
            rule_key=rules.WITHDRAW_RULE_KEY,
            at=min(start_of_day(changed_on), now),
            title=_("处罚信息撤回：%s") % penalty.decision_number,
            department=penalty.department,
            start_event="decision_changed",
            by=by,
            now=now,
        )
    return penalty


@transaction.atomic
def penalty_withdraw(
    *,
    penalty: Penalty,
    kind: str,
    changed_on: dt.date,
    reason: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """Withdraw a published penalty after the decision changed, with the public reason."""
    now = now or timezone.now()
    if not can_review_content(by, penalty):
        raise PermissionDeniedError()
    if not reason.strip():
        raise InvalidInputError(
            _("撤回时必须填写原因，原因将向社会公开。"),
            code="publishing.reason_required",
        )
    if penalty.change_kind != kind or penalty.changed_on != changed_on:
        penalty = penalty_change_record(
            penalty=penalty, kind=kind, changed_on=changed_on, by=by, now=now
        )
    penalty = pub.publishing_withdraw(obj=penalty, by=by, reason=reason, now=now)  # type: ignore[assignment]
    for clock in clocks_for(penalty).exclude(state=CachedState.STOPPED):
        kind_stop = "withdrawn" if clock.rule_key == rules.WITHDRAW_RULE_KEY else None
        if kind_stop:
            clock_event_add(clock=clock, kind=kind_stop, at=now, by=by, now=now)
    return penalty


@transaction.atomic
def penalty_early_end(
    *,
    penalty: Penalty,
    conditions: rules.RepairConditions,
    note: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Penalty:
    """End publication early after credit repair, when 第十四条 allows it."""
    now = now or timezone.now()
    if not can_review_content(by, penalty):
        raise PermissionDeniedError()
    penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
    if not penalty.is_visible(now):
        raise ConflictError(
            _("该处罚信息当前未在公示，无需提前停止。"), code="penalty.not_visible"
        )
    window = rules.Window(
        penalty.decided_on,
        penalty.publicity_until,
        penalty.earliest_end,
        penalty.window_basis,
    )
    problems = rules.early_end_problems(
        today=today_in_shanghai(now),
        types=penalty.types,
        window=window,
        conditions=conditions,
    )
    if problems:
        raise ConflictError(
            "；".join(problems), code="penalty.early_end", detail=problems
        )
    penalty.unpublish_at, penalty.early_ended_at = now, now
    penalty.early_end_note = note.strip()[:500]
    penalty.save(
        update_fields=["unpublish_at", "early_ended_at", "early_end_note", "updated_at"]
    )
    audit_record(
        actor=by,
        action=PenaltiesAudit.EARLY_END,
        obj=penalty,
        now=now,
        changes={"note": penalty.early_end_note, "conditions": vars(conditions)},
    )
    return penalty


def penalty_personal_data_view(
    *, penalty: Penalty, by: Staff, now: dt.datetime | None = None
) -> bool:
    """Record that a staff user was shown a natural person's full identifiers
    (DESIGN: full values only for staff, and every such view is audited)."""
    return record_personal_data_view(
        penalty, by=by, now=now, action=PenaltiesAudit.PERSONAL_DATA_VIEW
    )
