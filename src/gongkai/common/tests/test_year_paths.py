"""Years in paths: 2008 to 9998 are pages, any other number is a 404 (never a
calendar overflow)."""

from __future__ import annotations

import pytest

from gongkai.common.converters import FIRST_YEAR, LAST_YEAR, YearConverter

pytestmark = pytest.mark.django_db

YEAR_PATHS = [
    "/api/v1/foi/report/{}/",
    "/workbench/foi/report/{}/",
    "/workbench/foi/report/{}/json/",
    "/workbench/calendar/{}/",
    "/foi/reports/{}/",
    "/foi/reports/{}/json/",
]
OUT_OF_RANGE = ["0", "1", "2007", "9999", "10000", "1307674367999", "0002024"]


@pytest.mark.parametrize("value", ["2008", "2026", "9998"])
def test_years_in_range_are_converted(value):
    assert YearConverter().to_python(value) == int(value)


@pytest.mark.parametrize("value", ["0", "2007", "9999", "1307674367999"])
def test_years_out_of_range_are_refused(value):
    with pytest.raises(ValueError, match=value):
        YearConverter().to_python(value)


@pytest.mark.parametrize("template", YEAR_PATHS)
@pytest.mark.parametrize("year", OUT_OF_RANGE)
def test_out_of_range_year_is_not_found(login, admin_user, template, year):
    url = template.format(year)
    response = login(admin_user).get(url)
    assert response.status_code == 404, url
    if url.startswith("/api/"):
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "template", [p for p in YEAR_PATHS if not p.startswith("/foi/reports/")]
)
@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_first_and_last_years_are_served_to_staff(login, admin_user, template, year):
    url = template.format(year)
    assert login(admin_user).get(url).status_code == 200, url


@pytest.mark.parametrize("year", [FIRST_YEAR, LAST_YEAR])
def test_first_and_last_years_without_a_published_report_are_not_found(client, year):
    assert client.get(f"/foi/reports/{year}/").status_code == 404


@pytest.mark.parametrize(
    "args",
    [
        ["report", "annual", "--year", "0", "--format", "json"],
        ["report", "annual", "--year", "9999", "--format", "json"],
        ["calendar", "show", "1307674367999"],
        ["calendar", "show", "2007"],
    ],
)
def test_commands_refuse_an_out_of_range_year_with_a_message(args):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="年份应为 2008 至 9998 之间的整数"):
        call_command(*args)
