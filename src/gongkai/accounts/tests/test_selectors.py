"""Which departments a staff user may record or import for (accounts.selectors)."""

from __future__ import annotations

import pytest

from gongkai.accounts.selectors import department_chosen, departments_for

pytestmark = pytest.mark.django_db


def test_staff_choose_their_own_and_the_office_any(staff, reviewer, other_department):
    assert list(departments_for(staff)) == [staff.department]
    assert other_department in departments_for(reviewer)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("own", True),
        ("other", False),  # not theirs
        (None, False),
        ("", False),
        ("abc", False),
        ("1.5", False),
        ("-1", False),
        (" 1", False),
        ("１", False),  # a full-width digit
        ("²", False),  # a digit to str.isdigit, not to int()
        ("9" * 19, False),  # past a 64-bit id
        ("9" * 40, False),
    ],
)
def test_a_department_named_by_a_form(staff, other_department, value, found):
    named = {"own": str(staff.department_id), "other": str(other_department.pk)}
    chosen = department_chosen(staff, named.get(value, value))
    assert chosen == (staff.department if found else None)
