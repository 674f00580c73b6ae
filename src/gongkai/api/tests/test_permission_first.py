"""Permission before validation: every write endpoint of the API answers a user
who may not write with 403, whatever the body holds — never a 400 that describes
the body to someone not allowed to send it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.foi.tests.support import at, received

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")
# Public writes: anyone may send them (a lookup by tracking number and query code;
# a comment on an open consultation, rate-limited per address).
PUBLIC = {
    "/api/v1/foi/status/",
    "/api/v1/participation/consultations/<int:pk>/comments/",
    "/api/v1/consultations/<int:pk>/comments/",  # the same view at issue 13's path
}
INVALID_BODIES = [{}, {"title": 123, "at": "not a date", "department": "x"}]


def _api_writes(
    patterns: list[Any], prefix: str = ""
) -> Iterator[tuple[str, list[str]]]:
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _api_writes(p.url_patterns, route)
            continue
        assert isinstance(p, URLPattern)
        view = getattr(p.callback, "view_class", None)
        methods = [m for m in WRITE_METHODS if view and hasattr(view, m)]
        if route.startswith("api/") and methods:
            yield "/" + route, methods


WRITES = sorted(_api_writes(get_resolver().url_patterns))


def _filled(route: str, pk: int) -> str:
    """The route with arguments an existing item answers to (a draft document for
    the lifecycle endpoint, so it is not simply a 404)."""
    for param, value in {
        "<int:pk>": str(pk),
        "<int:cid>": "1",
        "<str:kind>": "documents.document",
        "<slug:action>": "approve",
    }.items():
        route = route.replace(param, value)
    assert "<" not in route, route
    return route


def test_the_api_has_the_write_endpoints_it_is_known_to_have():
    urls = [url for url, _m in WRITES]
    assert "/api/v1/documents/staff/" in urls
    assert "/api/v1/foi/requests/register/" in urls
    assert "/api/v1/foi/requests/<int:pk>/assign/" in urls
    assert "/api/v1/publishing/<str:kind>/<int:pk>/<slug:action>/" in urls
    assert len(urls) >= 19  # documents, register, 15 steps, answer, lifecycle


def _denied(response: Any, url: str) -> None:
    assert response.status_code == 403, (url, response.content.decode())
    assert response.json()["code"] == "permission_denied", url


@pytest.mark.parametrize(("url", "methods"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("body", INVALID_BODIES)
def test_auditor_gets_403_on_every_write_even_with_an_invalid_body(
    login, auditor, url, methods, body
):
    from gongkai.documents.tests.factories import DocumentFactory

    if url in PUBLIC:
        pytest.skip("public write")
    url = _filled(url, DocumentFactory().pk)
    client = login(auditor)
    for method in methods:
        response = getattr(client, method)(url, body, content_type="application/json")
        _denied(response, url)


@pytest.mark.parametrize("body", INVALID_BODIES)
@pytest.mark.parametrize("step", ["assign", "extension/approve", "delay"])
def test_department_staff_get_403_on_office_steps_even_with_an_invalid_body(
    login, staff, time_machine, step, body
):
    request = received(by=staff)  # the staff member's own department's case
    time_machine.move_to(at("2026-02-12"))
    url = f"/api/v1/foi/requests/{request.pk}/{step}/"
    response = login(staff).post(url, body, content_type="application/json")
    _denied(response, url)


def test_department_staff_still_get_400_for_an_invalid_body_they_may_send(
    login, staff, time_machine
):
    request = received(by=staff)
    time_machine.move_to(at("2026-02-12"))
    url = f"/api/v1/foi/requests/{request.pk}/reply/"
    response = login(staff).post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_session_without_the_second_factor_gets_403_before_validation(client, staff):
    client.force_login(staff)
    response = client.post(
        "/api/v1/documents/staff/", {}, content_type="application/json"
    )
    _denied(response, "/api/v1/documents/staff/")
