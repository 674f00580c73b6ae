"""The pure rules: guide completeness (RULES §7), phones, time limits across units,
the implementation code, and the power list on a date and its diff."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gongkai.govservices.rules import (
    AdjustmentFact,
    GuideFacts,
    guide_problems,
    implementation_code_problem,
    limit_span_days,
    phone_key,
    power_diff,
    power_list_on,
)

USCC = "113500000035942507"
COMPLETE = GuideFacts(
    name="计量器具型式批准",
    implementation_code=f"00017200700000-350000000000-000-{USCC}-1-00",
    item_type="licensing",
    legal_basis="《中华人民共和国计量法》第十三条",
    implementing_body="福建省质量技术监督局",
    accept_conditions="申请人为计量器具制造单位",
    procedure="申请—受理—审查—决定",
    materials=2,
    statutory_limit=20,
    statutory_unit="working_day",
    promised_limit=15,
    promised_unit="working_day",
    visits=0,
    handling_type="promised",
    handling_forms=frozenset({"online"}),
    online_level="4",
    online_address="https://zwfw.fujian.gov.cn/",
    consult_phone="0591-87000001",
    complaint_phone="0591-87000002",
)


def elements(g: GuideFacts) -> list[str]:
    return [p.element for p in guide_problems(g)]


def test_complete_guide_has_no_problems() -> None:
    assert guide_problems(COMPLETE) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # 国务院令第716号 第六条: 受理条件、办事材料、办理流程.
        ({"accept_conditions": ""}, ["accept_conditions"]),
        ({"procedure": "  "}, ["procedure"]),
        ({"materials": 0}, ["materials"]),
        # Ⅳ级 ⇒ 0 visits.
        ({"visits": 1}, ["visits"]),
        ({"visits": None}, ["visits"]),
        # Ⅲ/Ⅳ级 ⇒ online address.
        ({"online_address": ""}, ["online_address"]),
        # 0 visits and not online ⇒ mail.
        ({"online_level": "2", "handling_forms": frozenset({"window"})}, ["handling_forms"]),
        ({"online_level": "1", "handling_forms": frozenset()}, ["handling_forms"]),
        ({"online_level": "2", "handling_forms": frozenset({"window", "mail"})}, []),
        # Level Ⅲ with 0 visits is online: no mail needed.
        ({"online_level": "3", "handling_forms": frozenset({"online"})}, []),
        # charged ⇒ fee items, basis and online payment stated.
        ({"charged": True}, ["fee_items", "fee_basis", "online_payment"]),
        ({"charged": True, "fee_items": "考核费", "fee_basis": "某文件"}, ["online_payment"]),
        ({"charged": True, "fee_items": "考核费", "fee_basis": "某文件", "online_payment": "no"}, []),
        # Phones: different, both with an area code.
        ({"complaint_phone": "0591-87000001"}, ["complaint_phone"]),
        ({"complaint_phone": "(0591)8700 0001"}, ["complaint_phone"]),
        ({"consult_phone": "87000001"}, ["consult_phone"]),
        ({"complaint_phone": "12345"}, ["complaint_phone"]),
        ({"complaint_phone": "13800138000"}, ["complaint_phone"]),
        ({"complaint_phone": ""}, ["complaint_phone"]),
        # Promised ≤ statutory, minding units.
        ({"promised_limit": 21}, ["promised_limit"]),
        ({"promised_limit": 20}, []),
        ({"promised_limit": 30, "promised_unit": "day"}, ["promised_limit"]),
        ({"promised_limit": 26, "promised_unit": "day"}, []),
        ({"statutory_limit": 60, "statutory_unit": "day", "promised_limit": 20}, []),
        ({"statutory_limit": 30, "statutory_unit": "day", "promised_limit": 20}, ["promised_limit"]),
        ({"statutory_limit": 2, "statutory_unit": "month", "promised_limit": 40}, ["promised_limit"]),
        ({"promised_unit": ""}, ["promised_unit"]),
        ({"statutory_limit": None}, ["statutory_limit"]),
        # Implementation code: the embedded USCC is checked.
        ({"implementation_code": "00017200700000-350000000000-000-113500000035942508-1-00"}, ["implementation_code"]),
        ({"implementation_code": "00017200700000"}, ["implementation_code"]),
        ({"implementation_code": ""}, ["implementation_code"]),
    ],
)  # fmt: skip
def test_each_rule_names_the_failing_element(changes: dict, expected: list) -> None:
    assert elements(dataclasses.replace(COMPLETE, **changes)) == expected


def test_every_failing_element_is_named_at_once() -> None:
    g = dataclasses.replace(
        COMPLETE,
        accept_conditions="",
        visits=2,
        charged=True,
        complaint_phone=COMPLETE.consult_phone,
    )
    assert elements(g) == [
        "accept_conditions", "visits", "fee_items", "fee_basis", "online_payment", "complaint_phone",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("0591-87000001", "059187000001"),
        ("0591 8700 0001", "059187000001"),
        ("（0591）87000001", "059187000001"),
        ("010-62345678", "01062345678"),
        ("0591-87000001转123", "059187000001"),
        ("０５９１－８７０００００１", "059187000001"),
        ("87000001", None),
        ("12345", None),
        ("13800138000", None),
        ("", None),
    ],
)
def test_phone_key(text: str, key: str | None) -> None:
    assert phone_key(text) == key


@pytest.mark.parametrize(
    ("value", "unit", "span"),
    [
        (5, "working_day", (5, 14)),
        (6, "working_day", (8, 17)),
        (20, "working_day", (26, 35)),
        (0, "working_day", (0, 0)),
        (30, "day", (30, 30)),
        (2, "month", (56, 62)),
        (48, "hour", (2, 2)),
    ],
)
def test_limit_span_days(value: int, unit: str, span: tuple[int, int]) -> None:
    assert limit_span_days(value, unit) == span


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (f"511A0138000000-511602000000-000-{USCC}-1-00", None),
        (f"511A0138000000－511602000000－000－{USCC}－1－00", None),
        # The real Sichuan example of RULES §7.
        ("511A0138000000-511602000000-000-115113010833722043-1-00", None),
        ("511A0138000000-511602000000-000-115113010833722044-1-00", "所含统一社会信用代码“115113010833722044”校验不通过"),
        ("511A0138000000", "未包含实施主体的18位统一社会信用代码"),
        ("", "未填写"),
    ],
)  # fmt: skip
def test_implementation_code(code: str, problem: str | None) -> None:
    assert implementation_code_problem(code) == problem


# ---------------------------------------------------------------- power list

D1, D2, D3 = date(2025, 3, 1), date(2025, 9, 15), date(2026, 6, 1)


def adj(code: str, kind: str, on: date, name: str = "", **snap: str) -> AdjustmentFact:
    return AdjustmentFact(code, kind, on, {"name": name or code, **snap})


HISTORY = [
    adj("A", "retain", D1),
    adj("B", "retain", D1),
    adj("C", "retain", D1),
    adj("D", "retain", D1, basis="旧"),
    adj("B", "cancel", D2),
    adj("C", "delegate", D2),
    adj("E", "add", D2),
    adj("F", "take_over", D3),
    adj("D", "change", D3, basis="新"),
    adj("E", "cancel", D3),
]


@pytest.mark.parametrize(
    ("on", "codes"),
    [
        (date(2025, 2, 28), []),
        (D1, ["A", "B", "C", "D"]),
        (date(2025, 9, 14), ["A", "B", "C", "D"]),
        (D2, ["A", "D", "E"]),
        (D3, ["A", "D", "F"]),
    ],
)
def test_power_list_on_a_date(on: date, codes: list[str]) -> None:
    assert sorted(power_list_on(HISTORY, on)) == codes


def test_power_list_on_a_date_shows_the_item_as_it_was() -> None:
    assert power_list_on(HISTORY, D2)["D"].snapshot["basis"] == "旧"
    assert power_list_on(HISTORY, D3)["D"].snapshot["basis"] == "新"


def test_diff_adds_cancellations_and_delegations() -> None:
    rows = {r.code: r for r in power_diff(HISTORY, D1, D2)}
    assert {c: r.change for c, r in rows.items()} == {
        "B": "cancelled",
        "C": "delegated",
        "E": "added",
    }
    assert [a.kind for a in rows["C"].adjustments] == ["delegate"]
    assert rows["B"].after is None and rows["E"].before is None


def test_diff_changes_name_the_changed_fields() -> None:
    rows = {r.code: r for r in power_diff(HISTORY, D2, D3)}
    assert {c: r.change for c, r in rows.items()} == {
        "D": "changed",
        "E": "cancelled",
        "F": "added",
    }
    assert rows["D"].fields == ("basis",)


def test_diff_of_an_item_added_and_cancelled_in_between_is_empty() -> None:
    assert [r.code for r in power_diff(HISTORY, D1, D3)] == ["B", "C", "D", "F"]


def test_diff_dates_in_either_order_and_same_day() -> None:
    assert power_diff(HISTORY, D2, D1) == power_diff(HISTORY, D1, D2)
    assert power_diff(HISTORY, D2, D2) == []


def test_same_day_add_then_cancel_applies_in_kind_order() -> None:
    history = [adj("X", "cancel", D1), adj("X", "add", D1)]
    assert power_list_on(history, D1) == {}
