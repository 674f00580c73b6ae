"""What staff enter for a consultation and its feedback report, and the checks on it
(consultation_rules, cited there); the writes are in ``services.consultations``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import File
from django.utils.translation import gettext as _

from . import consultation_rules as cr


@dataclass(frozen=True)
class ConsultationData:
    """What staff enter for a consultation (validated by ``consultation_problems``)."""

    title: str
    explanation: str
    open_at: dt.datetime | None
    close_at: dt.datetime | None
    shortened_reason: str = ""
    draft_document_id: int | None = None
    draft_url: str = ""
    draft_file: File | None = None  # type: ignore[type-arg]
    channels: str = ""
    publish_comments: bool = False
    hearing_at: dt.datetime | None = None
    hearing_place: str = ""
    hearing_materials_at: dt.datetime | None = None


@dataclass(frozen=True)
class FeedbackItemData:
    topic: str
    opinion: str
    outcome: str
    count: int = 1
    reason: str = ""


def consultation_problems(
    data: ConsultationData, *, has_file: bool = False
) -> list[dict[str, str]]:
    """Every rule the data breaks, as ``[{"field", "message"}]`` (empty: lawful)."""
    problems = []
    if not data.title.strip():
        problems.append({"field": "title", "message": _("请填写标题。")})
    if not data.explanation.strip():
        problems.append({"field": "explanation", "message": _("请填写起草说明。")})
    draft = cr.draft_problem(
        document_id=data.draft_document_id,
        url=data.draft_url,
        has_file=has_file or data.draft_file is not None,
    )
    if draft:
        problems.append({"field": "draft_url", "message": _(draft)})
    period = cr.period_problem(data.open_at, data.close_at, data.shortened_reason)
    if period:
        problems.append({"field": "shortened_reason", "message": _(period)})
    hearing = cr.hearing_problem(data.hearing_materials_at, data.hearing_at)
    if hearing:
        problems.append({"field": "hearing_materials_at", "message": _(hearing)})
    return problems


def consultation_values(data: ConsultationData) -> dict[str, object]:
    values = {
        k: getattr(data, k)
        for k in ConsultationData.__dataclass_fields__
        if k != "draft_file"
    }
    values["shortened_reason"] = data.shortened_reason.strip()
    return values


def item_problems(items: list[FeedbackItemData]) -> list[dict[str, str]]:
    problems = []
    for n, item in enumerate(items, start=1):
        if not item.topic.strip() or not item.opinion.strip():
            problems.append(
                {"field": "items", "message": _("第%d项：请填写主题和意见摘要。") % n}
            )
        problem = cr.feedback_item_problem(item.outcome, item.reason)
        if problem:
            problems.append(
                {"field": "items", "message": _("第%d项：") % n + _(problem)}
            )
    return problems
