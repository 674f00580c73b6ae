"""Preparing a draw (DRAW.md §4–§6): freeze the snapshot, register the contributors'
commitments, build and log the commit record."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.core.draw import DrawInputError
from gongkai.core.draw import fields as draw_fields
from gongkai.core.draw.bundle import commit_with_roots, roots_for
from gongkai.inspections.audit_actions import InspectionsAudit

from .. import rules
from ..choices import DrawKind, DrawState, InspectionState
from ..models import Contribution, Draw, Task
from ..permissions import can_manage_task
from ..protocol import beacon_object, draw_input, snapshot_for, task_params
from ..rules import token_digest
from .contributors import new_link_token
from .draw_common import DONE, OPEN, lock_draw, next_step, require_office
from .tasks import draw_error


@transaction.atomic
def draw_freeze(
    *,
    task: Task,
    by: Staff,
    now: dt.datetime | None = None,
    beacon_time: dt.datetime | None = None,
    drand_round: int | None = None,
    lottery_draws: list[dict[str, str]] | None = None,
    follows: Draw | None = None,
) -> Draw:
    """Freeze the registries into a snapshot and fix P (a restart or follow-up names a new beacon)."""
    if not can_manage_task(by, task):
        raise PermissionDeniedError()
    now = now or timezone.now()
    task = Task.objects.select_for_update().get(pk=task.pk)
    draws = task.draws.all()
    kind = DrawKind.FOLLOW_UP if follows else DrawKind.PRIMARY
    if draws.filter(state__in=OPEN).exists():
        raise ConflictError(_("本任务已有进行中的抽取。"), code="inspections.draw.open")
    supersedes: Draw | None = None
    follow_usccs: list[str] | None = None
    if follows is None:
        if draws.filter(kind=DrawKind.PRIMARY, state__in=DONE).exists():
            # §12.2: errors found after the beacon time are handled only by §12.3.
            raise ConflictError(
                _("本任务已完成抽取，不能重新抽取；请使用备选替补或补充抽取。"),
                code="inspections.draw.done",
            )
        supersedes = (
            draws.filter(kind=DrawKind.PRIMARY, state=DrawState.ABANDONED)
            .exclude(commit_hash="")
            .filter(superseded_by__isnull=True)
            .order_by("-number")
            .first()
        )
    else:
        follow_usccs = list(
            follows.inspections.filter(state=InspectionState.UNSTAFFED).values_list(
                "uscc", flat=True
            )
        )
        if follows.state not in DONE or not follow_usccs:
            raise ConflictError(
                _("没有需要补充抽取的未配队对象。"),
                code="inspections.draw.no_unstaffed",
            )
    is_first = supersedes is None and follows is None
    if not is_first and beacon_time is None and task.beacon_type == "lottery":
        raise InvalidInputError(
            _("重新抽取或补充抽取需要指定新的信标。"), code="inspections.beacon"
        )
    if not is_first and task.beacon_type == "drand" and not drand_round:
        raise InvalidInputError(
            _("重新抽取或补充抽取需要指定新的 drand 轮次。"), code="inspections.beacon"
        )
    beacon = beacon_object(task, drand_round=drand_round, lottery_draws=lottery_draws)
    when = beacon_time or task.beacon_time
    if task.beacon_type == "drand":
        when = rules.drand_round_time(task.drand_chain_hash, beacon["round"]) or when
    if supersedes is not None and (
        when <= supersedes.beacon_time or beacon == supersedes.params["beacon"]
    ):
        # §12.2: a restart uses a later beacon.
        raise InvalidInputError(
            _("重新抽取必须使用更晚的信标。"), code="inspections.beacon_not_later"
        )
    deadline = when + dt.timedelta(hours=task.reveal_hours)
    snapshot = snapshot_for(task, followup_usccs=follow_usccs, source=follows)
    params = task_params(
        task,
        beacon=beacon,
        reveal_deadline=deadline.isoformat(),
        supersedes=(
            {"commit_hash": supersedes.commit_hash, "reason": supersedes.abandon_reason}
            if supersedes
            else None
        ),
        follows=follows,
        risks=sorted({t["risk"] for t in snapshot["targets"]}),
        target_count=len(snapshot["targets"]),
    )
    number = (draws.aggregate(n=Max("number"))["n"] or 0) + 1
    d = Draw(
        task=task,
        number=number,
        kind=kind,
        follows=follows,
        supersedes=supersedes,
        snapshot=snapshot,
        params=params,
        beacon_time=when,
        reveal_deadline=deadline,
        frozen_at=now,
    )
    d.secret_hex = secrets.token_hex(32) if task.mode == "confidential" else ""
    try:
        # Validates everything (§3) and fixes the roots the commit will carry.
        d.roots = roots_for(draw_input(d, with_beacon=False))
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    d.save()
    audit_record(
        actor=by, action=InspectionsAudit.DRAW_FREEZE, obj=d, changes=d.roots, now=now
    )
    return d


@transaction.atomic
def contribution_add(
    *,
    draw: Draw,
    contributor_id: str,
    name: str,
    commitment: str = "",
    by: Staff,
    now: dt.datetime | None = None,
) -> Contribution:
    """Register a contributor before the commit (§6.2), with or without its commitment.

    Either way the contributor gets a link of its own (``link_token`` on the returned
    object, shown once) to hand in the commitment and, later, to reveal its value.
    """
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    if d.state != DrawState.FROZEN:
        raise ConflictError(
            _("承诺后不能再增加贡献者。"), code="inspections.draw.state"
        )
    commitment = commitment.strip().lower()
    if commitment and not rules.is_hex(commitment, length=32):
        raise InvalidInputError(
            _("承诺值应为64位小写十六进制。"), code="inspections.commitment"
        )
    contributor_id = contributor_id.strip()
    try:  # DRAW.md §3: a text of 1–64 characters without control characters
        draw_fields.text(contributor_id, "$.contributions.id", 64)
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    if d.contributions.filter(contributor_id=contributor_id).exists():
        raise InvalidInputError(
            _("贡献者编号为空或重复。"), code="inspections.contributor"
        )
    token = new_link_token()
    c = Contribution.objects.create(
        draw=d,
        contributor_id=contributor_id,
        name=name[:100],
        commitment=commitment,
        committed_at=now if commitment else None,
        token_hash=token_digest(token),
    )
    c.link_token = token
    audit_record(
        actor=by,
        action=InspectionsAudit.CONTRIBUTION_ADD,
        obj=d,
        changes={"id": c.contributor_id, "commitment": commitment or None},
        now=now,
    )
    return c


@transaction.atomic
def draw_commit(*, draw: Draw, by: Staff, now: dt.datetime | None = None) -> Draw:
    """Build and log the commit record C (§6.4); from now on nothing in it can change."""
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    new = next_step(d, "commit")
    problem = rules.commit_problem(
        beacon_type=d.params["beacon"]["type"], beacon_time=d.beacon_time, now=now
    )
    if problem:
        raise ConflictError(
            _(
                "信标产生时间太近：drand 轮次须在承诺后至少10分钟，彩票须在承诺之后开奖。"
            ),
            code=f"inspections.draw.{problem}",
        )
    try:
        small = draw_input(d, with_beacon=False, with_snapshot=False)
        commit, digest = commit_with_roots(small, d.roots)
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    d.commit, d.commit_hash, d.committed_at, d.state = commit, digest, now, new
    event = audit_record(
        actor=by,
        action=InspectionsAudit.DRAW_COMMIT,
        obj=d,
        changes={"commit_hash": digest, "commit": commit, "params": d.params},
        now=now,
    )
    d.commit_log_hash = event.hash
    d.save(
        update_fields=[
            "commit",
            "commit_hash",
            "committed_at",
            "state",
            "commit_log_hash",
        ]
    )
    return d
