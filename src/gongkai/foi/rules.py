"""Pure rules of information requests: outcomes, their report rows, remedies, steps.

条例 第三十六条 to 第三十九条 list the answers a reply may give (RULES.md §1.6); each
outcome maps to exactly one result row of table 3 of the annual report (RULES.md §2.3,
国办公开办函〔2021〕30号). The remedy clause follows 行政复议法 (2023) 第二十条、第二十三条、
第二十四条 and 行政诉讼法 第四十六条 (RULES.md §1.8).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.report_tables import RESULT_ROWS


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    article: str
    row: str  # table 3 result row key (core.report_tables)
    reasons_required: bool = False
    review_first: bool = False  # 行政复议法 第二十三条: 不予公开 → review first
    referral: bool = False  # 条例 第三十六条第五项: name and contact of the right organ
    by_reply: bool = True  # False: reached by a lapse or withdrawal, not a reply


_W = "条例 第三十六条第三项、第十四条至第十六条"
# fmt: off
OUTCOMES: tuple[Outcome, ...] = (
    Outcome("already_public", "已主动公开，告知获取方式和途径", "条例 第三十六条第一项", "disclosed"),
    Outcome("disclosed", "予以公开", "条例 第三十六条第二项", "disclosed"),
    Outcome("partly", "部分公开（区分处理）", "条例 第三十七条", "partly",
            reasons_required=True, review_first=True),
    Outcome("withheld.state_secret", "不予公开：属于国家秘密", _W + "第十四条",
            "withheld.state_secret", True, True),
    Outcome("withheld.law_prohibits", "不予公开：其他法律行政法规禁止公开", _W,
            "withheld.law_prohibits", True, True),
    Outcome("withheld.security", "不予公开：危及“三安全一稳定”", _W,
            "withheld.security", True, True),
    Outcome("withheld.third_party", "不予公开：保护第三方合法权益",
            "条例 第三十六条第三项、第十五条、第三十二条", "withheld.third_party", True, True),
    Outcome("withheld.internal", "不予公开：属于三类内部事务信息", "条例 第三十六条第三项、第十六条第一款",
            "withheld.internal", True, True),
    Outcome("withheld.process", "不予公开：属于四类过程性信息", "条例 第三十六条第三项、第十六条第二款",
            "withheld.process", True, True),
    Outcome("withheld.enforcement_file", "不予公开：属于行政执法案卷",
            "条例 第三十六条第三项、第十六条第二款", "withheld.enforcement_file", True, True),
    Outcome("withheld.query", "不予公开：属于行政查询事项", "条例 第三十六条第三项",
            "withheld.query", True, True),
    Outcome("not_held", "无法提供：本机关不掌握相关政府信息", "条例 第三十六条第四项",
            "unable.not_held"),
    # 条例 第三十六条第五项 has no row of its own [UNVERIFIED, RULES §2.3]: counted with
    # 本机关不掌握 as most published reports do.
    Outcome("not_responsible", "无法提供：不属于本机关负责公开，告知负责机关",
            "条例 第三十六条第五项", "unable.not_held", reasons_required=True,
            referral=True),
    Outcome("needs_creation", "无法提供：没有现成信息需要另行制作", "条例 第三十八条",
            "unable.needs_creation", reasons_required=True),
    Outcome("still_unclear", "无法提供：补正后申请内容仍不明确", "条例 第三十条",
            "unable.still_unclear", reasons_required=True),
    Outcome("petition", "不予处理：信访举报投诉类申请", "条例 第三十九条第一款",
            "not_processed.petition"),
    Outcome("repeated", "不予处理：重复申请", "条例 第三十六条第六项", "not_processed.repeated"),
    Outcome("publication", "不予处理：要求提供公开出版物", "条例 第三十九条第二款",
            "not_processed.publication"),
    Outcome("excessive", "不予处理：无正当理由大量反复申请", "条例 第三十五条",
            "not_processed.excessive", reasons_required=True),
    Outcome("confirm", "不予处理：要求行政机关确认或重新出具已获取信息", "条例 第三十六条",
            "not_processed.confirm"),
    # 条例 第三十六条第七项 (工商、不动产登记资料): no row of its own [UNVERIFIED]
    Outcome("special_law", "其他处理：按有关法律、行政法规办理（登记资料等）",
            "条例 第三十六条第七项", "other.other", reasons_required=True),
    Outcome("correction_lapsed", "其他处理：逾期不补正，不再处理", "条例 第三十条",
            "other.correction_lapsed", by_reply=False),
    Outcome("fee_unpaid", "其他处理：逾期未缴纳信息处理费，不再处理", "国办函〔2020〕109号",
            "other.fee_unpaid", by_reply=False),
    Outcome("withdrawn", "其他处理：申请人撤回申请", "条例 第三十条", "other.other",
            by_reply=False),
)
# fmt: on
OUTCOME_BY_CODE = {o.code: o for o in OUTCOMES}
REPLY_OUTCOMES = tuple(o for o in OUTCOMES if o.by_reply)
assert {o.row for o in OUTCOMES} == set(RESULT_ROWS), "every result row has an outcome"


def outcome(code: str) -> Outcome:
    """The outcome with ``code``; KeyError names it."""
    return OUTCOME_BY_CODE[code]


def reply_problems(code: str, *, reasons: str, referral: str) -> list[str]:
    """What a reply with this outcome still lacks (条例 第三十六条、第三十七条)."""
    if code not in OUTCOME_BY_CODE or not OUTCOME_BY_CODE[code].by_reply:
        return ["请选择一项法定答复类型。"]
    chosen = OUTCOME_BY_CODE[code]
    problems = []
    if chosen.reasons_required and not reasons.strip():
        problems.append("此答复类型必须说明理由（条例第三十六条、第三十七条）。")
    if chosen.referral and not referral.strip():
        problems.append(
            "须告知负责公开该信息的行政机关名称和联系方式（条例第三十六条第五项）。"
        )
    return problems


def remedy_clause(code: str, *, review_body: str, court: str) -> str:
    """The remedy paragraph every reply prints (行政复议法 第二十条: body and time limit)."""
    chosen = OUTCOME_BY_CODE[code]
    complaint = (
        "您也可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报"
        "（《中华人民共和国政府信息公开条例》第五十一条）。"
    )
    if chosen.review_first:
        # 行政复议法 第二十三条: 申请政府信息公开，行政机关不予公开 → review first
        return (
            f"如对本答复中不予公开的决定不服，根据《中华人民共和国行政复议法》第二十三条，"
            f"应当先向{review_body}申请行政复议；对行政复议决定不服的，可以自收到行政复议"
            f"决定书之日起十五日内向{court}提起行政诉讼。申请行政复议的期限为自知道该行政行为"
            f"之日起六十日内（行政复议法第二十条）。" + complaint
        )
    return (
        f"如对本答复不服，可以自收到本答复之日起六十日内向{review_body}申请行政复议"
        f"（《中华人民共和国行政复议法》第二十条、第二十四条），或者自收到本答复之日起"
        f"六个月内向{court}提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
        + complaint
    )


# -- steps allowed in each status ------------------------------------------------------
SUBMITTED, IN_PROGRESS = "submitted", "in_progress"
AWAITING_CORRECTION, AWAITING_FEE = "awaiting_correction", "awaiting_fee"
REPLIED, CLOSED = "replied", "closed"
OPEN = (IN_PROGRESS, AWAITING_CORRECTION, AWAITING_FEE)

STEPS: dict[str, tuple[str, ...]] = {
    "confirm_receipt": (SUBMITTED,),
    "assign": (SUBMITTED, *OPEN),
    "request_correction": (IN_PROGRESS,),
    "waive_correction": (IN_PROGRESS,),
    "receive_correction": (AWAITING_CORRECTION,),
    "lapse_correction": (AWAITING_CORRECTION,),
    "consult": (IN_PROGRESS,),
    "consultation_answer": OPEN,
    "decide_disclosure": (IN_PROGRESS,),
    "notify_third_party": (IN_PROGRESS,),
    "request_extension": (IN_PROGRESS, AWAITING_FEE),
    "approve_extension": (IN_PROGRESS, AWAITING_FEE),
    "ask_reasons": (IN_PROGRESS,),
    "delay_reply": (IN_PROGRESS,),
    "notify_fee": (IN_PROGRESS,),
    "receive_fee": (AWAITING_FEE,),
    "lapse_fee": (AWAITING_FEE,),
    "reply": (IN_PROGRESS,),
    "draft_reply": (IN_PROGRESS,),
    "attach_reply_file": (IN_PROGRESS,),
    "approve_reply": (IN_PROGRESS,),
    "return_reply": (IN_PROGRESS,),
    "withdraw": (SUBMITTED, *OPEN),
    "record_delivery": (REPLIED, CLOSED),
    "record_appeal": (REPLIED, CLOSED),
    "update_appeal": (REPLIED, CLOSED),
}


# Outcomes that give out information: before one of them, every third party whose
# objection is overridden must have been notified in writing (条例 第三十二条).
DISCLOSING = frozenset({"already_public", "disclosed", "partly"})


def disclosure_problems(
    *, kind: str, answered: bool, decided: bool, reason: str, content: str
) -> list[str]:
    """Why a decision to disclose over a third party's objection cannot be recorded.

    条例 第三十二条: the third party is consulted in writing; it objects with reasons
    (its answer is on record); the organ may still disclose when not disclosing could
    seriously harm the public interest, and tells the third party in writing the
    content to be disclosed and the reasons."""
    problems = []
    if kind != "third_party":
        problems.append("只有征求第三方意见（条例第三十二条）才需要书面告知第三方。")
    if not answered:
        problems.append("第三方尚未提出意见；请先记录第三方的意见。")
    if decided:
        problems.append("已经决定公开并记录。")
    if not reason.strip():
        problems.append("请填写决定公开的理由（不公开可能对公共利益造成重大影响）。")
    if not content.strip():
        problems.append("请填写决定公开的政府信息内容。")
    return problems


def step_allowed(step: str, status: str) -> bool:
    """Whether ``step`` may be taken on a request in ``status``."""
    return status in STEPS.get(step, ())


def steps_offered(
    status: str,
    *,
    may_assign: bool,
    may_approve_extension: bool,
    extension_asked: bool,
    extension_settled: bool,
    notice_running: bool,
    reply_needs_approval: bool = False,
    may_approve_reply: bool = False,
    draft_pending: bool = False,
) -> list[str]:
    """The steps the case page offers, in order: those the status allows, less those
    the user may not take (assignment across departments and approving an extension
    or a delay under 条例 第三十三条/第三十五条 are the office's) and those the case
    has settled (one extension at most; 条例 第三十条: "no correction needed" only
    while the 7-working-day notice period runs). Four-eyes (``reply_needs_approval``):
    the department drafts instead of replying; the office approves or returns a
    pending draft."""
    hidden = set()
    if not may_assign:
        hidden.add("assign")
    if not may_approve_extension:
        hidden |= {"approve_extension", "delay_reply"}
    if not extension_asked:
        hidden.add("approve_extension")
    if extension_settled or extension_asked:
        hidden.add("request_extension")
    if not notice_running:
        hidden.add("waive_correction")
    hidden.add("reply" if reply_needs_approval else "draft_reply")
    if not (may_approve_reply and draft_pending):
        hidden |= {"approve_reply", "return_reply"}
    return [s for s in STEPS if step_allowed(s, status) and s not in hidden]


def reply_needs_approval(*, four_eyes: bool, by_office: bool) -> bool:
    """Four-eyes on replies (rule value foi.reply.four_eyes, on by default): a
    department's reply is a draft until the openness office (公开办, 条例 第四条: the
    body that organises and supervises the handling) approves it; the office itself
    replies directly."""
    return four_eyes and not by_office
