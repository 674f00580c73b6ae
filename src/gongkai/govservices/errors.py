"""The error a guide meets when it is not complete enough to publish."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from gongkai.common.errors import ConflictError

from .rules import Problem, problems_text


class GuideIncompleteError(ConflictError):
    """A guide fails the completeness checks (RULES §7); every element is named."""

    code = "services.guide_incomplete"

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            _("办事指南不完整，不能发布：%s。") % problems_text(problems),
            detail=[
                {"field": p.element, "label": p.label, "message": p.message}
                for p in problems
            ],
        )
