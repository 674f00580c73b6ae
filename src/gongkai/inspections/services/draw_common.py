"""Shared steps of the draw services: locking, state transitions, the office check."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongkai.accounts.types import Staff
from gongkai.common.errors import ConflictError, PermissionDeniedError

from .. import rules
from ..choices import DrawState
from ..models import Draw
from ..permissions import can_run_draw

OPEN = (DrawState.FROZEN, DrawState.COMMITTED, DrawState.BEACON)
DONE = (DrawState.DRAWN, DrawState.PUBLISHED)


def lock_draw(d: Draw) -> Draw:
    # The snapshot is read only where it is needed (run): it can be large.
    return (
        Draw.objects.select_for_update()
        .select_related("task")
        .defer("snapshot", "output")
        .get(pk=d.pk)
    )


def next_step(d: Draw, action: str) -> str:
    new = rules.next_state(d.state, action)
    if new is None:
        raise ConflictError(
            _("抽取处于“%(state)s”状态，不能进行此操作。")
            % {"state": DrawState(d.state).label},
            code="inspections.draw.state",
        )
    return new


def require_office(by: Staff) -> None:
    if not can_run_draw(by):
        raise PermissionDeniedError(_("只有公开办审核人员和管理员可以执行抽取步骤。"))
