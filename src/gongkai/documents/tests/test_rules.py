"""Pure rules: validity derivation, disclosure reason, interpretation timing (no DB)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.workcal import WorkCalendar
from gongkai.documents import rules

D = dt.date
CAL = WorkCalendar.official()


@pytest.mark.parametrize(
    ("recorded", "valid_until", "today", "expected"),
    [
        ("effective", None, D(2030, 1, 1), "effective"),
        (
            "effective",
            D(2026, 5, 31),
            D(2026, 5, 31),
            "effective",
        ),  # the last day holds
        ("effective", D(2026, 5, 31), D(2026, 6, 1), "expired"),
        ("effective", D(2024, 2, 29), D(2024, 3, 1), "expired"),  # leap day
        ("repealed", D(2026, 5, 31), D(2026, 6, 1), "repealed"),  # repeal outranks
        ("amended", None, D(2026, 1, 1), "amended"),
        ("amended", D(2020, 1, 1), D(2026, 1, 1), "amended"),
    ],
)
def test_derived_validity(recorded, valid_until, today, expected):
    assert (
        rules.derived_validity(recorded=recorded, valid_until=valid_until, today=today)
        == expected
    )


@pytest.mark.parametrize(
    ("disclosure", "reason", "ok"),
    [
        ("proactive", "", True),
        ("on_request", "", False),
        ("on_request", "   ", False),
        ("withheld", "涉及商业秘密（条例第十五条）", True),
    ],
)
def test_disclosure_needs_reason_unless_proactive(disclosure, reason, ok):
    assert (
        rules.disclosure_problem(disclosure=disclosure, reason=reason) is None
    ) is ok


@pytest.mark.parametrize(
    ("written", "effective", "until", "ok"),
    [
        (D(2026, 1, 5), D(2026, 2, 1), D(2031, 1, 31), True),
        (D(2026, 1, 5), D(2026, 2, 1), D(2026, 1, 31), False),
        (D(2026, 1, 5), None, D(2026, 1, 4), False),
        (D(2026, 1, 5), None, None, True),
    ],
)
def test_dates_problem(written, effective, until, ok):
    problem = rules.dates_problem(
        written_on=written, effective_from=effective, valid_until=until
    )
    assert (problem is None) is ok


@pytest.mark.parametrize(
    ("needs", "waived", "approved", "blocks"),
    [
        (False, False, 0, False),
        (True, False, 0, True),
        (True, True, 0, False),
        (True, False, 1, False),
    ],
)
def test_interpretation_gate(needs, waived, approved, blocks):
    assert (
        rules.interpretation_blocks_publication(
            needs_interpretation=needs, waived=waived, approved_interpretations=approved
        )
        is blocks
    )


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (D(2025, 6, 3), D(2025, 6, 6)),  # Tue -> Fri
        (D(2025, 6, 5), D(2025, 6, 10)),  # Thu -> over the weekend to Tue
        (
            D(2025, 9, 29),
            D(2025, 10, 10),
        ),  # 09-30, then 10-09 and 10-10 after the block
        # Fri; Sun 01-26 (make-up) and Mon 01-27 count, then the Spring Festival block
        (D(2025, 1, 24), D(2025, 2, 5)),
    ],
)
def test_interpretation_due_counts_working_days(published, due):
    assert rules.interpretation_due(policy_published_on=published, calendar=CAL) == due


@pytest.mark.parametrize(
    ("interp_on", "today", "late"),
    [
        (D(2025, 6, 6), D(2025, 6, 30), False),  # on the third working day
        (D(2025, 6, 9), D(2025, 6, 30), True),  # Monday after: late
        (None, D(2025, 6, 6), False),  # not yet, still in time
        (None, D(2025, 6, 7), True),  # not yet, the due day passed
    ],
)
def test_interpretation_is_late(interp_on, today, late):
    assert (
        rules.interpretation_is_late(
            policy_published_on=D(2025, 6, 3),
            interpretation_published_on=interp_on,
            today=today,
            calendar=CAL,
        )
        is late
    )
