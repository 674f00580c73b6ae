"""Publication clock, window, early end and party rules over fixed dates (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.core.clocks import SHANGHAI, Event, due
from gongkai.core.workcal import WorkCalendar
from gongkai.penalties import rules
from gongkai.penalties.choices import PartyCategory, PenaltyType, Sector
from gongkai.penalties.clock_rules import CLOCK_RULES

D = dt.date
CAL = WorkCalendar.official()
RULES = {r.key: r for r in CLOCK_RULES}
ONE = Decimal("1")


@pytest.mark.parametrize(
    ("key", "decided", "due_on"),
    [
        (rules.SITE_RULE_KEY, D(2026, 9, 18), D(2026, 9, 29)),  # the example
        (rules.SITE_RULE_KEY, D(2026, 9, 28), D(2026, 10, 13)),  # 10-10 make-up day
        (rules.SITE_RULE_KEY, D(2026, 2, 13), D(2026, 3, 2)),  # Spring Festival
        (rules.SITE_RULE_KEY, D(2026, 12, 31), D(2027, 1, 12)),  # 元旦 2027 by law
        (rules.GSXT_RULE_KEY, D(2026, 9, 18), D(2026, 10, 22)),  # 45号令 第九条
        (rules.GSXT_RULE_KEY, D(2026, 9, 28), D(2026, 10, 30)),  # over National Day
    ],
)
def test_both_publication_clocks_are_due_on_their_nth_working_day(key, decided, due_on):
    rule = RULES[key]
    start = dt.datetime.combine(decided, dt.time.min, tzinfo=SHANGHAI)
    status = due([Event("decided", start)], rule, CAL, start + dt.timedelta(hours=1))
    assert status.due_date == due_on
    assert CAL.add_working_days(decided, rule.length) == due_on


def test_withdrawal_clock_is_three_working_days():
    rule = RULES[rules.WITHDRAW_RULE_KEY]
    start = dt.datetime(2026, 9, 30, tzinfo=SHANGHAI)
    status = due([Event("decision_changed", start)], rule, CAL, start)
    assert status.due_date == D(2026, 10, 10)  # 10-10 is a make-up working day


@pytest.mark.parametrize(
    ("types", "publish_warnings", "expected"),
    [
        (["warning"], False, False),
        (["warning"], True, True),
        (["warning", "fine"], False, True),
        (["criticism"], False, True),
    ],
)
def test_warning_only_is_not_published_unless_configured(
    types, publish_warnings, expected
):
    assert rules.must_publish(types, publish_warnings=publish_warnings) is expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 9, 18), 3, D(2026, 12, 18)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # no 2-30: the month's last day
        (D(2027, 11, 29), 3, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 2, 29), 36, D(2027, 2, 28)),
        (D(2026, 9, 18), 12, D(2027, 9, 18)),
    ],
)
def test_add_months_uses_the_corresponding_day(day, months, expected):
    assert rules.add_months(day, months) == expected


# Decided 2026-09-18 (Fri), published 2026-09-24 (Thu): 第十三条 counts from the
# publication; 58号令's minimum before credit repair from the decision.
PUBLISHED = D(2026, 9, 24)


@pytest.mark.parametrize(
    ("types", "fine", "sector", "restriction", "until", "earliest", "basis"),
    [
        # 第十三条: 通报批评 → 3 months from publication, no earlier end
        (["criticism"], None, "general", None, D(2026, 12, 24), None, "3个月"),
        # a fine at the threshold is small; one above it is not
        (["fine"], "1", "general", None, D(2026, 12, 24), None, "3个月"),
        (["fine"], "1.000001", "general", None, D(2029, 9, 24), D(2026, 12, 18), "3年"),
        (["warning", "fine"], "0.5", "general", None, D(2026, 12, 24), None, "3个月"),
        # a small fine in a key sector is still published for 3 months (58号令's
        # one year is a minimum before credit repair, not a publication period)
        (["fine"], "0.5", "food", None, D(2026, 12, 24), None, "3个月"),
        (["criticism"], None, "drug", None, D(2026, 12, 24), None, "3个月"),
        # other penalties in a key sector: 3 years, credit repair after 1 year
        (
            ["fine"],
            "5",
            "special_equipment",
            None,
            D(2029, 9, 24),
            D(2027, 9, 18),
            "3年",
        ),
        (
            ["confiscate_income"],
            None,
            "general",
            None,
            D(2029, 9, 24),
            D(2026, 12, 18),
            "3年",
        ),
        # serious types: 3 years, never earlier
        (["fine", "revoke_licence"], "2", "general", None, D(2029, 9, 24), None, "3年"),
        # a longer restriction is published for its actual length
        (
            ["restrict_practice"],
            None,
            "general",
            D(2031, 9, 17),
            D(2031, 9, 17),
            None,
            "实际限制期限",
        ),
        (
            ["restrict_practice"],
            None,
            "general",
            D(2027, 1, 1),
            D(2029, 9, 24),
            None,
            "3年",
        ),
    ],
)
def test_publication_window_counts_from_publication(
    types, fine, sector, restriction, until, earliest, basis
):
    window = rules.publication_window(
        decided_on=D(2026, 9, 18),
        types=types,
        fine_amount=Decimal(fine) if fine else None,
        sector=sector,
        small_fine=ONE,
        restriction_until=restriction,
        published_on=PUBLISHED,
    )
    assert window.starts == PUBLISHED
    assert (window.until, window.earliest_end) == (until, earliest)
    assert basis in window.basis


@pytest.mark.parametrize(
    ("published", "until"),
    [
        (None, D(2026, 12, 18)),  # before publication: the earliest possible end
        (D(2026, 9, 18), D(2026, 12, 18)),  # published on the decision day
        (D(2026, 11, 30), D(2027, 2, 28)),  # no 2-30: the month's last day
    ],
)
def test_light_window_before_and_after_publication(published, until):
    window = rules.publication_window(
        decided_on=D(2026, 9, 18),
        types=["criticism"],
        fine_amount=None,
        sector="general",
        small_fine=ONE,
        published_on=published,
    )
    assert window.until == until


ALL_MET = rules.RepairConditions(True, True, True, True)
HEAVY = rules.Window(D(2026, 9, 18), D(2029, 9, 18), D(2026, 12, 18), "公示3年")


@pytest.mark.parametrize(
    ("today", "types", "conditions", "message"),
    [
        (D(2026, 12, 18), ["fine"], ALL_MET, None),
        (D(2026, 12, 17), ["fine"], ALL_MET, "最短公示期未满，2026-12-18 起"),
        (
            D(2027, 1, 5),
            ["fine"],
            rules.RepairConditions(True, False, True, True),
            "未主动消除危害后果",
        ),
        (
            D(2027, 1, 5),
            ["fine"],
            rules.RepairConditions(True, True, False, True),
            "再次受到行政处罚",
        ),
        (
            D(2027, 1, 5),
            ["fine"],
            rules.RepairConditions(False, True, True, False),
            "经营异常名录",
        ),
        (D(2028, 1, 5), ["fine", "suspend_business"], ALL_MET, "责令停产停业"),
        (D(2028, 1, 5), ["downgrade"], ALL_MET, "不得提前停止公示"),
    ],
)
def test_early_end_needs_minimum_period_all_conditions_and_no_serious_type(
    today, types, conditions, message
):
    problems = rules.early_end_problems(
        today=today, types=types, window=HEAVY, conditions=conditions
    )
    if message is None:
        assert problems == []
    else:
        assert any(message in p for p in problems), problems


def test_light_penalty_cannot_end_early():
    window = rules.publication_window(
        decided_on=D(2026, 9, 18),
        types=["criticism"],
        fine_amount=None,
        sector="general",
        small_fine=ONE,
    )
    problems = rules.early_end_problems(
        today=D(2026, 12, 1), types=["criticism"], window=window, conditions=ALL_MET
    )
    assert problems == ["该处罚公示期已是最短期限，不能提前停止公示。"]


@pytest.mark.parametrize(
    ("category", "uscc", "reg", "rep", "id_type", "id_number", "codes"),
    [
        ("organisation", "91350100M000100Y43", "", "张三", "", "", []),
        ("organisation", "121200004013590816", "", "李四", "", "", []),  # 事业单位 12
        ("organisation", "", "", "张三", "", "", ["CF_XDR_SHXYM"]),
        (
            "organisation",
            "92350100MA0000000H",
            "",
            "",
            "",
            "",
            ["CF_XDR_SHXYM", "CF_FRDB"],
        ),
        ("individual_business", "92350100MA0000000H", "", "", "", "", []),
        ("individual_business", "91350100M000100Y43", "", "", "", "", ["CF_XDR_SHXYM"]),
        ("individual_business", "", "350100600012345", "", "", "", []),
        ("individual_business", "", "", "", "", "", ["CF_XDR_SHXYM"]),
        ("natural_person", "", "", "", "id_card", "11010519491231002X", []),
        (
            "natural_person",
            "91350100M000100Y43",
            "",
            "",
            "",
            "",
            ["CF_XDR_SHXYM", "CF_XDR_ZJLX", "CF_XDR_ZJHM"],
        ),
    ],
)
def test_party_category_agrees_with_uscc_prefix(
    category, uscc, reg, rep, id_type, id_number, codes
):
    problems = rules.party_problems(
        category=category,
        uscc=uscc,
        reg_number=reg,
        legal_rep=rep,
        id_type=id_type,
        id_number=id_number,
    )
    assert [code for code, _ in problems] == codes


def test_pure_code_lists_match_the_model_choices():
    assert dict(PenaltyType.choices) == rules.TYPE_LABELS
    assert dict(PartyCategory.choices) == rules.CATEGORY_LABELS
    assert dict(Sector.choices) == rules.SECTOR_LABELS


@pytest.mark.parametrize(
    ("key", "good", "bad"),
    [
        ("penalty.small_fine", "0.5", "-1"),
        ("penalty.publish_warnings", True, "yes"),
    ],
)
def test_configurable_penalty_rules_validate_their_values(key, good, bad):
    from gongkai.common.rulebook import rule_spec

    spec = rule_spec(key)
    spec.validate(spec.default)
    spec.validate(good)
    with pytest.raises(ValueError):
        spec.validate(bad)
