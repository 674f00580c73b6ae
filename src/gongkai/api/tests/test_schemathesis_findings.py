"""What the Schemathesis run found, kept as plain regression tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [0, 2007, 9999, 1307674367999])
def test_report_of_a_year_out_of_range_is_404_not_500(login, reviewer, year):
    response = login(reviewer).get(f"/api/v1/foi/report/{year}/")
    assert response.status_code == 404


def test_created_document_has_no_publication_time_yet(login, staff):
    from gongkai.documents.tests.factories import IssuerFactory

    issuer = IssuerFactory()
    response = login(staff).post(
        "/api/v1/documents/staff/",
        {"title": "草稿", "issuers": [issuer.name], "written_on": "2026-03-02"},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["publish_at"] is None
    assert body["effective_from"] is None and body["valid_until"] is None


@pytest.mark.parametrize("year", ["10000", "151164", "9999999"])
def test_catalogue_year_past_four_digits_is_ignored_not_500(client, year):
    assert client.get("/api/v1/documents/", {"year": year}).status_code == 200
    assert client.get("/xxgk/", {"year": year}).status_code == 200
