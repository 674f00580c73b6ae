"""Outcomes → report rows, reply requirements, remedy clause (pure, no database)."""

import pytest

from gongkai.core.report_tables import RESULT_ROWS
from gongkai.foi import rules


@pytest.mark.parametrize(
    ("code", "row"),
    [
        ("already_public", "disclosed"),  # 36-1
        ("disclosed", "disclosed"),  # 36-2
        ("partly", "partly"),  # 37
        ("withheld.state_secret", "withheld.state_secret"),  # 36-3
        ("withheld.process", "withheld.process"),
        ("not_held", "unable.not_held"),  # 36-4
        ("not_responsible", "unable.not_held"),  # 36-5 [UNVERIFIED row]
        ("needs_creation", "unable.needs_creation"),  # 38
        ("still_unclear", "unable.still_unclear"),  # 30
        ("petition", "not_processed.petition"),  # 39 ¶1
        ("repeated", "not_processed.repeated"),  # 36-6
        ("publication", "not_processed.publication"),  # 39 ¶2
        ("excessive", "not_processed.excessive"),  # 35
        ("confirm", "not_processed.confirm"),
        ("special_law", "other.other"),  # 36-7 [UNVERIFIED row]
        ("correction_lapsed", "other.correction_lapsed"),
        ("fee_unpaid", "other.fee_unpaid"),
        ("withdrawn", "other.other"),
    ],
)
def test_outcome_maps_to_its_table_three_row(code, row):
    assert rules.outcome(code).row == row


def test_every_result_row_is_reachable():
    assert {o.row for o in rules.OUTCOMES} == set(RESULT_ROWS)
    assert len(RESULT_ROWS) == 21


@pytest.mark.parametrize(
    ("code", "reasons", "referral", "ok"),
    [
        ("disclosed", "", "", True),
        ("partly", "", "", False),  # 37: reasons for the withheld part
        ("partly", "涉及第三方商业秘密", "", True),
        ("withheld.third_party", "", "", False),  # 36-3: reasons
        ("not_responsible", "不属本机关职责", "", False),  # 36-5: name the organ
        ("not_responsible", "不属本机关职责", "省统计局 0591-1234567", True),
        ("correction_lapsed", "", "", False),  # not chosen in a reply
        ("no-such", "", "", False),
    ],
)
def test_reply_requirements(code, reasons, referral, ok):
    assert (rules.reply_problems(code, reasons=reasons, referral=referral) == []) is ok


def test_withheld_reply_says_review_first_and_names_body_and_time_limit():
    text = rules.remedy_clause(
        "withheld.security", review_body="福建省人民政府", court="法院"
    )
    assert "应当先向福建省人民政府申请行政复议" in text
    assert "第二十三条" in text and "六十日" in text


def test_disclosed_reply_offers_review_or_litigation():
    text = rules.remedy_clause("disclosed", review_body="福建省人民政府", court="法院")
    assert "应当先" not in text
    assert "六十日内向福建省人民政府申请行政复议" in text
    assert "六个月内向法院提起行政诉讼" in text


@pytest.mark.parametrize(
    ("step", "status", "allowed"),
    [
        ("confirm_receipt", "submitted", True),
        ("reply", "submitted", False),
        ("reply", "in_progress", True),
        ("reply", "awaiting_correction", False),
        ("request_correction", "in_progress", True),
        ("lapse_fee", "awaiting_fee", True),
        ("record_appeal", "replied", True),
        ("reply", "replied", False),
    ],
)
def test_steps_follow_the_status(step, status, allowed):
    assert rules.step_allowed(step, status) is allowed


STEP_CASES = [
    # (status, flags, present, absent)
    ("in_progress", {}, ["request_correction", "reply", "request_extension"],
     ["approve_extension", "assign", "delay_reply", "waive_correction"]),
    ("in_progress", {"may_assign": True, "may_approve_extension": True},
     ["assign", "delay_reply"], ["approve_extension"]),
    ("in_progress", {"may_approve_extension": True, "extension_asked": True},
     ["approve_extension"], ["request_extension"]),
    ("in_progress", {"extension_settled": True}, ["reply"], ["request_extension"]),
    ("in_progress", {"notice_running": True}, ["waive_correction"], []),
    ("replied", {"may_assign": True}, ["record_delivery"], ["assign", "reply"]),
]  # fmt: skip


@pytest.mark.parametrize(("status", "flags", "present", "absent"), STEP_CASES)
def test_steps_offered(status, flags, present, absent):
    base = dict.fromkeys(
        ("may_assign", "may_approve_extension", "extension_asked",
         "extension_settled", "notice_running"), False,
    )  # fmt: skip
    offered = rules.steps_offered(status, **{**base, **flags})
    assert set(present) <= set(offered)
    assert not set(absent) & set(offered)


def test_every_outcome_label_has_an_english_translation():
    from django.utils import translation

    from gongkai.foi.models import FoiRequest

    with translation.override("en"):
        shown = {
            o.code: FoiRequest(outcome=o.code).get_outcome_display()
            for o in rules.OUTCOMES
        }
    untranslated = [
        code
        for code, text in shown.items()
        if text == rules.OUTCOME_BY_CODE[code].label
    ]
    assert untranslated == []
