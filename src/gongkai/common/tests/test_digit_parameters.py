"""Numbers from the query string or a form: ``str.isdigit`` is true for "²" and
other digits ``int()`` refuses, which made these pages 500s. Each now takes only
decimal digits (full-width ones are digits to ``int()`` too)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ODD = ["²", "¹²", "①", "9" * 40]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("name", "param", "expected"),
    [
        ("foi:statistics", "year", 200),
        ("budgets:column", "year", 200),
        ("api:budgets-api:set-list", "year", (200, 400)),
        ("api:participation-api:proposal-list", "year", (200, 400)),
        ("participation:proposal-list", "year", 200),
    ],
)
def test_public_pages(client, name, param, expected, value):
    status = client.get(reverse(name), {param: value}).status_code
    assert status in (expected if isinstance(expected, tuple) else (expected,))


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("name", "param", "who", "expected"),
    [
        ("foi-staff:list", "department", "reviewer", 200),
        ("oversight-staff:post-create", "account", "admin_user", 200),
        ("participation-staff:message-stats", "year", "reviewer", 200),
        ("api:participation-api:message-stats", "year", "reviewer", 400),
    ],
)
def test_staff_pages(request, login, name, param, who, expected, value):
    c = login(request.getfixturevalue(who))
    assert c.get(reverse(name), {param: value}).status_code == expected


@pytest.mark.parametrize(
    ("token", "error"),
    [("٣٣٣٣٣٣", "只能包含数字"), ("１２３４５６", None), ("12 34 56", None)],
)
def test_a_second_factor_token_of_odd_digits_is_a_form_error(token, error):
    from gongkai.accounts.forms import TokenForm

    form = TokenForm({"token": token})
    if error:
        assert not form.is_valid() and error in str(form.errors)
    else:
        assert form.is_valid() and form.cleaned_data["token"] == "123456"
