"""Completing a draw (DRAW.md §7–§10, §12): beacon, reveals, the draw itself,
publication, and abandoning only on the grounds of §12.2. Every step is audited; the
commit and output events' hashes are the log checkpoints published with the draw."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
)
from gongkai.core.draw import DrawInputError, canonical_output
from gongkai.core.draw import draw as run_protocol
from gongkai.core.draw.drand import DrandVerifyError, verify_round
from gongkai.core.draw.inputs import parse_input
from gongkai.inspections.audit_actions import InspectionsAudit
from gongkai.publishing.caching import content_changed

from .. import rules
from ..beacon import BeaconFetchError, drand_fetch
from ..choices import DrawKind, DrawState, InspectionState
from ..models import Contribution, Draw, Inspection, Target
from ..protocol import draw_input, pinned_drand_chain
from .contributors import reveal
from .draw_common import lock_draw, next_step, require_office
from .tasks import draw_error


def draw_beacon_fetch(
    *,
    draw: Draw,
    by: Staff,
    base_url: str | None = None,
    now: dt.datetime | None = None,
) -> Draw:
    """Fetch the drand round the draw names and enter it (§7.1). Only a network whose
    public key is pinned can be fetched: a value is accepted once its signature
    verifies (``draw_beacon_enter`` checks it)."""
    beacon = draw.params["beacon"]
    if beacon["type"] != "drand":
        raise InvalidInputError(
            _("只有 drand 信标可以自动获取。"), code="inspections.beacon_fetch"
        )
    if pinned_drand_chain(beacon["chain_hash"]) is None:
        raise InvalidInputError(
            _("未登记该 drand 网络的公钥，无法验证签名，不能自动获取。"),
            code="inspections.beacon_fetch",
        )
    try:
        got = drand_fetch(
            base_url=base_url or settings.GONGKAI_DRAND_URL,
            chain_hash=beacon["chain_hash"],
            round_number=beacon["round"],
        )
    except BeaconFetchError as exc:
        raise InvalidInputError(str(exc), code="inspections.beacon_fetch") from exc
    return draw_beacon_enter(
        draw=draw,
        by=by,
        signature_hex=got["signature"],
        previous_signature_hex=got.get("previous_signature", ""),
        randomness_hex=got["randomness"],
        now=now,
    )


@transaction.atomic
def draw_beacon_enter(
    *,
    draw: Draw,
    by: Staff,
    now: dt.datetime | None = None,
    randomness_hex: str = "",
    signature_hex: str = "",
    previous_signature_hex: str = "",
    lottery_lines: list[str] | None = None,
) -> Draw:
    """Enter the beacon value B (§7.1): a drand signature or randomness, or lottery numbers."""
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    new = next_step(d, "beacon")
    if now < d.beacon_time:
        raise ConflictError(
            _("信标尚未产生，不能录入。"), code="inspections.beacon_early"
        )
    beacon = d.params["beacon"]
    evidence: dict[str, Any] = {}
    if beacon["type"] == "drand":
        randomness_hex, evidence = _drand_value(
            beacon,
            signature_hex=signature_hex.strip().lower(),
            previous_signature_hex=previous_signature_hex.strip().lower(),
            randomness_hex=randomness_hex.strip().lower(),
        )
    else:
        lines = [line for line in (lottery_lines or []) if line.strip()]
        if len(lines) != len(beacon["draws"]):
            raise InvalidInputError(
                _("请按顺序为每一期开奖各填一行号码（共 %(n)d 期）。")
                % {"n": len(beacon["draws"])},
                code="inspections.beacon_value",
            )
        try:
            key = rules.lottery_key([rules.lottery_groups(line) for line in lines])
        except ValueError as exc:
            raise InvalidInputError(
                _("开奖号码格式错误：%s") % exc, code="inspections.beacon_value"
            ) from exc
        randomness_hex, evidence = (
            key.encode("ascii").hex(),
            {"numbers": lines, "key": key},
        )
    d.beacon_randomness_hex = randomness_hex
    try:  # §7.1 shape of B; the snapshot was validated when frozen
        empty: dict[str, list[Any]] = {"targets": [], "inspectors": [], "coi": []}
        parse_input(draw_input(d, with_snapshot=False) | empty)
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    d.beacon_evidence, d.beacon_entered_at, d.state = evidence, now, new
    d.save(
        update_fields=[
            "beacon_randomness_hex",
            "beacon_evidence",
            "beacon_entered_at",
            "state",
        ]
    )
    audit_record(
        actor=by,
        action=InspectionsAudit.DRAW_BEACON,
        obj=d,
        changes={"randomness": randomness_hex, "evidence": evidence},
        now=now,
    )
    return d


def _drand_value(
    beacon: dict[str, Any],
    *,
    signature_hex: str,
    previous_signature_hex: str,
    randomness_hex: str,
) -> tuple[str, dict[str, Any]]:
    """B and its evidence for a drand round (§7.1).

    On a network whose key is pinned the round's BLS signature MUST verify, so a
    signature is required; B is then SHA-256 of it. On a network without a pinned key
    (a private or test chain) the value is taken as entered and marked unverified.
    """
    chain = pinned_drand_chain(beacon["chain_hash"])
    if signature_hex and not rules.is_hex(signature_hex):
        raise InvalidInputError(
            _("签名应为小写十六进制。"), code="inspections.beacon_value"
        )
    if chain is not None:
        if not signature_hex:
            raise InvalidInputError(
                _("该 drand 网络的公钥已登记，须录入该轮次的签名以便验证。"),
                code="inspections.beacon_signature",
            )
        try:
            b = verify_round(
                chain, beacon["round"], signature_hex, previous_signature_hex
            ).hex()
        except DrandVerifyError as exc:
            raise InvalidInputError(
                exc.message_zh, code="inspections.beacon_signature"
            ) from exc
        if randomness_hex and randomness_hex != b:
            raise InvalidInputError(
                _("随机数不等于签名的 SHA-256。"), code="inspections.beacon_value"
            )
        evidence = {
            "round": beacon["round"],
            "signature": signature_hex,
            "verified": True,
            "network": chain.name,
            "scheme": chain.scheme,
        }
        if previous_signature_hex:
            evidence["previous_signature"] = previous_signature_hex
        return b, evidence
    if signature_hex:
        derived = rules.drand_randomness(signature_hex)
        if randomness_hex and randomness_hex != derived:
            raise InvalidInputError(
                _("随机数不等于签名的 SHA-256。"), code="inspections.beacon_value"
            )
        return derived, {
            "signature": signature_hex,
            "round": beacon["round"],
            "verified": False,
        }
    if not rules.is_hex(randomness_hex, length=32):
        raise InvalidInputError(
            _("drand 随机数应为64位小写十六进制。"), code="inspections.beacon_value"
        )
    return randomness_hex, {"verified": False}


@transaction.atomic
def contribution_reveal(
    *,
    contribution: Contribution,
    value_hex: str,
    by: Staff,
    now: dt.datetime | None = None,
) -> Contribution:
    """Record a contributor's revealed value on its behalf (§7.2); see ``reveal``."""
    require_office(by)
    return reveal(contribution=contribution, value_hex=value_hex, actor=by, now=now)


@transaction.atomic
def draw_run(*, draw: Draw, by: Staff, now: dt.datetime | None = None) -> Draw:
    """Run dsr-draw/1 (§7–§10), log the output, create the inspections."""
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    new = next_step(d, "run")
    pending = d.contributions.filter(value_hex="").exclude(commitment="")
    if now <= d.reveal_deadline and pending.exists():
        raise ConflictError(
            _("还有贡献者未揭示，揭示截止时间之前不能抽取。"),
            code="inspections.reveal_pending",
        )
    try:
        output = run_protocol(draw_input(d))
    except DrawInputError as exc:
        raise draw_error(exc) from exc
    if output["commit"] != d.commit:  # the engine must rebuild the logged commit
        raise ConflictError(
            _("快照与承诺记录不一致，拒绝抽取。"), code="inspections.commit_mismatch"
        )
    d.output, d.result_root, d.drawn_at, d.state = (
        output,
        output["result_root"],
        now,
        new,
    )
    if d.params["mode"] == "public":  # §12.1: public mode publishes the output at once
        d.state, d.published_at = DrawState.PUBLISHED, now
    _record_inspections(d, output)
    event = audit_record(
        actor=by,
        action=InspectionsAudit.DRAW_RUN,
        obj=d,
        changes={
            "commit_hash": d.commit_hash,
            "result_root": d.result_root,
            "output_sha256": hashlib.sha256(canonical_output(output)).hexdigest(),
            "selected": output["result"]["selected_count"],
            "unstaffed": len(output["result"]["unstaffed"]),
        },
        now=now,
    )
    d.output_log_hash = event.hash
    d.save(
        update_fields=[
            "output",
            "result_root",
            "drawn_at",
            "state",
            "published_at",
            "output_log_hash",
        ]
    )
    return d


def _record_inspections(d: Draw, output: dict[str, Any]) -> None:
    # Bulk writes send no post_save: the public result pages change with them.
    content_changed(model=Inspection)
    rows = output["result"]["selected"]
    if d.kind == DrawKind.FOLLOW_UP:
        assert d.follows is not None
        for row in rows:
            Inspection.objects.filter(
                draw=d.follows, uscc=row["uscc"], state=InspectionState.UNSTAFFED
            ).update(
                team=row["team"],
                staffing_draw=d,
                state=InspectionState.UNSTAFFED
                if row["team"] is None
                else InspectionState.ASSIGNED,
            )
        return
    names = dict(
        Target.objects.filter(uscc__in=[r["uscc"] for r in rows]).values_list(
            "uscc", "name"
        )
    )
    Inspection.objects.bulk_create(
        [
            Inspection(
                draw=d,
                uscc=r["uscc"],
                name=names.get(r["uscc"], ""),
                stratum=r["stratum"],
                rank=r["rank"],
                ticket=r["ticket"],
                team=r["team"],
                state=InspectionState.UNSTAFFED
                if r["team"] is None
                else InspectionState.ASSIGNED,
            )
            for r in rows
        ],
        batch_size=2000,
    )


@transaction.atomic
def draw_publish(*, draw: Draw, by: Staff, now: dt.datetime | None = None) -> Draw:
    """Publish a confidential draw: secret, seed and the full output (§12.1)."""
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    d.state = next_step(d, "publish")
    d.published_at = now
    d.save(update_fields=["state", "published_at"])
    audit_record(
        actor=by,
        action=InspectionsAudit.DRAW_PUBLISH,
        obj=d,
        changes={"secret": d.secret_hex},
        now=now,
    )
    return d


@transaction.atomic
def draw_abandon(
    *, draw: Draw, reason: str, by: Staff, now: dt.datetime | None = None
) -> Draw:
    """Abandon a draw: freely before the commit; after it only as §12.2 allows."""
    require_office(by)
    now = now or timezone.now()
    d = lock_draw(draw)
    # The reason enters P of a restart (§5 supersedes): a DRAW.md §3 text, one line.
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInputError(
            _("必须说明放弃原因。"), code="inspections.reason_required"
        )
    ground = "not_committed"
    if d.state == DrawState.FROZEN:
        d.state = next_step(d, "discard")
    else:
        d.state = next_step(d, "abandon")
        found = rules.abandon_ground(
            beacon_time=d.beacon_time,
            beacon_entered=bool(d.beacon_randomness_hex),
            now=now,
        )
        if found is None:
            raise ConflictError(
                _(
                    "承诺后只能在两种情形下放弃：信标时间之前发现参数或名录错误；或信标时间过后24小时仍无法取得信标。"
                ),
                code="inspections.draw.abandon_not_allowed",
            )
        ground = found
    d.abandoned_at, d.abandon_reason = now, reason[:2000]
    d.save(update_fields=["state", "abandoned_at", "abandon_reason"])
    audit_record(
        actor=by,
        action=InspectionsAudit.DRAW_ABANDON,
        obj=d,
        changes={"ground": ground, "reason": reason},
        now=now,
    )
    return d
