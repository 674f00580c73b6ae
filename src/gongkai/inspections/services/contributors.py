"""Contributors' own steps through their link (DRAW.md §6.2, §7.2), no staff login.

Each contributor (a notary, enterprise representatives…) gets a link with a random
token; only its SHA-256 is stored. Through it the contributor hands in its commitment
while the snapshot is frozen (before the commit) and reveals its value after the
commit, before the reveal deadline. Every step is audited; the contributor is named
in the event by its id, there being no user account.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.audit import audit_record
from gongkai.common.errors import ConflictError, InvalidInputError, NotFoundError
from gongkai.core.draw.contrib import commitment as contrib_commitment
from gongkai.core.draw.primitives import HashProfile
from gongkai.inspections.audit_actions import InspectionsAudit

from .. import rules
from ..choices import DrawState
from ..models import Contribution, Draw
from .draw_common import lock_draw, require_office


def new_link_token() -> str:
    """A fresh link token (192 random bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def _by_token(token: str) -> Contribution:
    if not token or len(token) > 100:
        raise _unknown()
    c = (
        Contribution.objects.select_for_update()
        .filter(token_hash=rules.token_digest(token))
        .first()
    )
    if c is None:
        raise _unknown()
    return c


def _unknown() -> NotFoundError:
    return NotFoundError(
        _("链接无效：没有找到对应的贡献者。请核对链接，或联系组织抽取的部门。"),
        code="inspections.contributor_link",
    )


@transaction.atomic
def contributor_link_issue(
    *, contribution: Contribution, by: Staff, now: dt.datetime | None = None
) -> Contribution:
    """Give a contributor a new link; the old one stops working."""
    require_office(by)
    c = Contribution.objects.select_for_update().get(pk=contribution.pk)
    token = new_link_token()
    c.token_hash = rules.token_digest(token)
    c.save(update_fields=["token_hash"])
    c.link_token = token
    audit_record(
        actor=by,
        action=InspectionsAudit.CONTRIBUTION_LINK,
        obj=c.draw,
        changes={"id": c.contributor_id},
        now=now,
    )
    return c


@transaction.atomic
def contribution_commit_by_token(
    *, token: str, commitment: str, now: dt.datetime | None = None
) -> Contribution:
    """The contributor hands in its commitment, before the commit is built (§6.2)."""
    now = now or timezone.now()
    c = _by_token(token)
    d = lock_draw(c.draw)
    if c.commitment:
        raise ConflictError(
            _("承诺值已经提交，不能更改。"), code="inspections.commitment_done"
        )
    if d.state != DrawState.FROZEN:
        raise ConflictError(
            _("抽取已经承诺（或已放弃），不能再提交承诺值。"),
            code="inspections.commitment_closed",
        )
    commitment = commitment.strip().lower()
    if not rules.is_hex(commitment, length=32):
        raise InvalidInputError(
            _("承诺值应为64位小写十六进制（32字节）。"), code="inspections.commitment"
        )
    c.commitment, c.committed_at = commitment, now
    c.save(update_fields=["commitment", "committed_at"])
    audit_record(
        actor=None,
        action=InspectionsAudit.CONTRIBUTION_COMMIT,
        obj=d,
        changes={"id": c.contributor_id, "commitment": commitment, "via": "link"},
        now=now,
    )
    return c


@transaction.atomic
def contribution_reveal_by_token(
    *, token: str, value_hex: str, now: dt.datetime | None = None
) -> Contribution:
    """The contributor reveals its value through its link (§7.2)."""
    c = _by_token(token)
    return reveal(contribution=c, value_hex=value_hex, actor=None, now=now)


def reveal(
    *,
    contribution: Contribution,
    value_hex: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Contribution:
    """Record a revealed value (in the caller's transaction): after the commit, by the
    deadline announced with P, once, and only if it opens the commitment (§7.2)."""
    now = now or timezone.now()
    d: Draw = lock_draw(contribution.draw)
    c = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if c.value_hex:
        raise ConflictError(
            _("已经揭示过，不能再次揭示。"), code="inspections.reveal_done"
        )
    if not c.commitment:
        raise ConflictError(
            _("没有提交承诺值，不参与本次抽取，无需揭示。"),
            code="inspections.reveal_uncommitted",
        )
    if now > d.reveal_deadline:
        raise ConflictError(
            _("揭示截止时间已过，不能再揭示；未按时揭示的值不计入种子。"),
            code="inspections.reveal_late",
        )
    if d.state not in (DrawState.COMMITTED, DrawState.BEACON):
        raise ConflictError(
            _("现在不能揭示：须在承诺之后、揭示截止时间之前。"),
            code="inspections.reveal_closed",
        )
    value_hex = value_hex.strip().lower()
    if not rules.is_hex(value_hex) or len(value_hex) > 128:
        raise InvalidInputError(
            _("揭示值应为1至64字节的小写十六进制。"), code="inspections.reveal_value"
        )
    profile = HashProfile.for_alg(d.params["hash_alg"])
    opened = contrib_commitment(
        profile, d.params["task_id"], c.contributor_id, bytes.fromhex(value_hex)
    )
    if opened.hex() != c.commitment:
        raise InvalidInputError(
            _("揭示值与承诺值不符。"), code="inspections.reveal_mismatch"
        )
    c.value_hex, c.revealed_at = value_hex, now
    c.save(update_fields=["value_hex", "revealed_at"])
    audit_record(
        actor=actor,
        action=InspectionsAudit.CONTRIBUTION_REVEAL,
        obj=d,
        changes={
            "id": c.contributor_id,
            "value": value_hex,
            "via": "staff" if actor is not None else "link",
        },
        now=now,
    )
    return c
