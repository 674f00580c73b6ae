"""Letters to applicants, from editable templates, numbered per request.

A letter is stored as its paragraphs at the moment it was issued (what was sent is
what is shown and downloaded later, even if the template changes afterwards).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.clocks.selectors import SHANGHAI

from .. import rules
from ..choices import LetterKind
from ..models import FoiRequest, Letter, LetterTemplate

# Placeholders: {applicant} {tracking_number} {received_date} {description} {organ}
# {due_date} {correction_request} {correction_due} {extension_days}
# {extension_reason} {fee_lines} {fee_amount} {fee_due} {outcome_label} {reasons}
# {referral} {reply_text} {remedy} {party} {question} {delay_until} {delay_reasons}
# {reasons_question} {disclosure_content} {disclosure_reason}
# {date}
DEFAULT_TEMPLATES: dict[str, str] = {
    LetterKind.ACKNOWLEDGEMENT: (
        "{applicant}：\n"
        "本机关已于{received_date}收到您提出的政府信息公开申请（申请编号 {tracking_number}），"
        "所需信息为：{description}\n"
        "根据《中华人民共和国政府信息公开条例》第三十一条、第三十三条，本机关将自收到申请之日起"
        "20个工作日内予以答复，答复期限至{due_date}。如需延长答复期限，将另行告知。"
    ),
    LetterKind.CORRECTION: (
        "{applicant}：\n"
        "本机关于{received_date}收到您的政府信息公开申请（申请编号 {tracking_number}）。"
        "经审查，申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条，"
        "现一次性告知您需要补正的事项：{correction_request}\n"
        "请于{correction_due}前补正。答复期限自本机关收到补正后的申请之日起重新计算；"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.EXTENSION: (
        "{applicant}：\n"
        "您的政府信息公开申请（申请编号 {tracking_number}）因{extension_reason}，"
        "不能在规定期限内答复。经政府信息公开工作机构负责人同意，根据《中华人民共和国"
        "政府信息公开条例》第三十三条第二款，答复期限延长{extension_days}个工作日，"
        "延长后的答复期限至{due_date}。"
    ),
    LetterKind.REASONS: (
        "{applicant}：\n"
        "您提出的政府信息公开申请（申请编号 {tracking_number}），申请公开政府信息的数量、"
        "频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条，请您说明"
        "理由：{reasons_question}\n"
        "本机关认为申请理由不合理的，将告知不予处理；申请理由合理，但无法在条例第三十三条"
        "规定的期限内答复的，将确定延迟答复的合理期限并告知您。"
    ),
    LetterKind.DELAY: (
        "{applicant}：\n"
        "您于{received_date}提出的政府信息公开申请（申请编号 {tracking_number}），申请公开"
        "政府信息的数量、频次明显超过合理范围。本机关要求您说明理由，经审核，您的理由合理，"
        "但本机关无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。\n"
        "原因：{delay_reasons}\n"
        "根据条例第三十五条，本机关确定延迟答复，答复期限至{delay_until}。"
    ),
    LetterKind.CONSULTATION: (
        "{party}：\n"
        "本机关收到一项政府信息公开申请（申请编号 {tracking_number}），所申请公开的信息可能"
        "涉及贵方的合法权益或者需要征求贵方意见：{question}\n"
        "根据《中华人民共和国政府信息公开条例》第三十二条、第三十四条，请自收到本函之日起"
        "15个工作日内提出书面意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。"
    ),
    LetterKind.THIRD_PARTY_NOTICE: (
        "{party}：\n"
        "本机关就一项政府信息公开申请（申请编号 {tracking_number}）征求了贵方意见，"
        "贵方不同意公开。经审查，本机关认为不公开可能对公共利益造成重大影响，"
        "根据《中华人民共和国政府信息公开条例》第三十二条，决定予以公开。\n"
        "决定公开的政府信息内容：{disclosure_content}\n"
        "决定公开的理由：{disclosure_reason}\n"
        "特此书面告知。本机关将在本告知书送达后公开上述信息。"
        "如对本决定不服，可以依法申请行政复议或者提起行政诉讼。"
    ),
    LetterKind.FEE: (
        "{applicant}：\n"
        "您的政府信息公开申请（申请编号 {tracking_number}）的申请数量、频次明显超过合理范围，"
        "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》，"
        "本机关依法收取信息处理费。\n{fee_lines}\n"
        "请自收到本通知次日起20个工作日内（至{fee_due}）缴纳信息处理费{fee_amount}元。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.REPLY: (
        "{applicant}：\n"
        "本机关于{received_date}收到您的政府信息公开申请（申请编号 {tracking_number}），"
        "所需信息为：{description}\n"
        "经审查，答复如下：{outcome_label}（{article}）。\n{reply_text}\n{reasons}\n{referral}\n"
        "{remedy}"
    ),
    LetterKind.CLOSURE: (
        "{applicant}：\n"
        "您的政府信息公开申请（申请编号 {tracking_number}）：{outcome_label}（{article}）。"
        "本机关不再处理该申请。\n{remedy}"
    ),
}
TITLES = {kind: LetterKind(kind).label for kind in LetterKind.values}


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _date(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(SHANGHAI).date()
    return f"{value.year}年{value.month}月{value.day}日"


def _sentence(text: str) -> str:
    """One line ending with a full stop, for quoting the request in a letter."""
    line = " ".join(text.split())
    return line if line.endswith(("。", "？", "！", ".", "）")) else line + "。"


def review_body() -> str:
    # 行政复议法 第二十四条: for a department of a provincial government, the
    # provincial people's government
    return str(getattr(settings, "GONGKAI_FOI_REVIEW_BODY", "福建省人民政府"))


def letter_values(request: FoiRequest, extra: Mapping[str, Any]) -> dict[str, str]:
    """The placeholder values of a request's letters."""
    values = {
        "applicant": request.name,
        "tracking_number": request.tracking_number,
        "received_date": _date(request.received_at),
        "description": _sentence(request.description),
        "organ": settings.GONGKAI_ORG_NAME,
        "correction_request": request.correction_request,
        "extension_days": str(request.extension_days),
        "extension_reason": request.extension_reason,
        "fee_amount": f"{request.fee_amount:.2f}",
        "reply_text": request.reply_text,
        "reasons": f"理由：{request.reasons}" if request.reasons else "",
        "referral": f"负责公开该信息的行政机关：{request.referral}"
        if request.referral
        else "",
    }
    if request.outcome:
        chosen = rules.outcome(request.outcome)
        values["outcome_label"] = chosen.label
        values["article"] = chosen.article
        values["remedy"] = rules.remedy_clause(
            request.outcome, review_body=review_body(), court="有管辖权的人民法院"
        )
    for key, value in extra.items():
        values[key] = _date(value) if isinstance(value, dt.date) else str(value)
    return values


def letter_issue(
    *,
    request: FoiRequest,
    kind: str,
    now: dt.datetime | None = None,
    extra: Mapping[str, Any] | None = None,
    visible: bool = True,
) -> Letter:
    """Render the template of ``kind`` for ``request`` and store it, numbered."""
    now = now or timezone.now()
    template = (
        LetterTemplate.objects.filter(kind=kind).values_list("text", flat=True).first()
        or DEFAULT_TEMPLATES[kind]
    )
    values = _Blank(letter_values(request, extra or {}))
    values["date"] = _date(now)
    try:
        text = template.format_map(values)
    except (ValueError, IndexError, AttributeError):
        text = DEFAULT_TEMPLATES[kind].format_map(values)  # a broken edited template
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    n = Letter.objects.filter(request=request).count() + 1
    return Letter.objects.create(
        request=request,
        kind=kind,
        number=f"{request.tracking_number}-{n:02d}",
        title=str(TITLES[kind]),
        body=paragraphs,
        issued_at=now,
        visible_to_applicant=visible,
    )
