"""Control characters in a path, query or form value get a 400, never a 500: every
URL pattern of the project is walked (the URLconf resolved, sample arguments put
in), anonymously and as an administrator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db

_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")
_SAMPLE = {"int": "1", "year": "2024", "uuid": "00000000-0000-0000-0000-000000000001"}
# Percent-encoded: NUL, other C0 controls, DEL; line breaks are refused in a path.
_IN_PATH = ["%00", "%01", "%1F", "%7F", "%0A"]
_PARAMS = ["q", "page", "topic", "year", "format", "department", "type", "status"]


def _route(part: Any, arg: str | None) -> str:
    """One level of a pattern as a string, every argument ``arg`` (or a sample)."""
    if isinstance(part, RoutePattern):

        def sample(m: re.Match[str]) -> str:
            return arg or _SAMPLE.get(m["conv"] or "str", "x")

        return _ROUTE_PARAM.sub(sample, str(part))
    assert isinstance(part, RegexPattern)

    def group(m: re.Match[str]) -> str:
        first = m["body"].split("|")[0]
        return arg or (first if first.isalnum() else "x")

    return _REGEX_GROUP.sub(group, str(part)).lstrip("^").rstrip("$")


def _patterns(
    patterns: list[Any], prefix: tuple[Any, ...] = ()
) -> Iterator[tuple[Any, ...]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, (*prefix, p.pattern))
        else:
            assert isinstance(p, URLPattern)
            yield (*prefix, p.pattern)


def _has_args(parts: tuple[Any, ...]) -> bool:
    return any(
        _ROUTE_PARAM.search(str(p)) or _REGEX_GROUP.search(str(p)) for p in parts
    )


def _url(parts: tuple[Any, ...], arg: str | None = None) -> str:
    return "/" + "".join(_route(p, arg) for p in parts)


PATTERNS = list(_patterns(get_resolver().url_patterns))


def test_the_walk_covers_every_pattern_and_its_samples_resolve():
    from django.urls import Resolver404, resolve

    assert len(PATTERNS) > 300  # pages, staff pages, API, admin
    unresolved = []
    for parts in PATTERNS:
        try:
            resolve(_url(parts))
        except Resolver404:
            unresolved.append(_url(parts))
    assert unresolved == []


def _bad_urls(parts: tuple[Any, ...]) -> Iterator[str]:
    url = _url(parts)
    for char in _IN_PATH:
        if _has_args(parts):
            yield _url(parts, "1" + char)
        else:
            yield url.rstrip("/") + char + ("/" if url.endswith("/") else "")
    yield url + "?" + "&".join(f"{p}=a%00" for p in _PARAMS)
    yield url + "?q=%01&page=1"
    yield url + "?q%00=1"


def _assert_refused(response: Any, url: str) -> None:
    assert response.status_code == 400, url
    if url.startswith("/api/"):
        assert response.json()["code"] == "bad_request", url
    else:
        assert "请求有误" in response.content.decode(), url


@pytest.mark.parametrize("parts", PATTERNS, ids=lambda parts: _url(parts))
def test_control_characters_in_path_query_and_form_are_refused(
    client, login, admin_user, parts
):
    for c in (client, login(admin_user)):
        for url in _bad_urls(parts):
            _assert_refused(c.get(url), url)
        url = _url(parts)
        _assert_refused(c.post(url, {"title": "正文\x00", "note": "好"}), url)


def test_form_values_with_nul_are_refused_in_either_encoding(client):
    # The test client posts multipart/form-data; a browser posts url-encoded forms.
    response = client.post("/foi/apply/", {"name": "张三\x00"})
    _assert_refused(response, "/foi/apply/")
    response = client.post(
        "/foi/apply/",
        "name=%E5%BC%A0%00",
        content_type="application/x-www-form-urlencoded",
    )
    _assert_refused(response, "/foi/apply/")


@pytest.mark.parametrize(
    "value", ["a\tb", "第一行\n第二行", "a\r\nb", "\t", "好\u3000", "\u200b"]
)
def test_tab_and_line_breaks_in_values_pass(client, value):
    response = client.get("/search/", {"q": value})
    assert response.status_code == 200


@pytest.mark.parametrize("parts", PATTERNS, ids=lambda parts: _url(parts))
def test_tab_and_line_breaks_in_query_values_give_no_server_error(
    client, login, admin_user, parts
):
    """They pass the middleware (a text area's value may hold them): the views
    must cope, for a visitor and for staff."""
    url = _url(parts) + "?" + "&".join(f"{p}=%09%0A" for p in _PARAMS)
    client.raise_request_exception = False
    assert client.get(url).status_code < 500, url
    staff = login(admin_user)
    staff.raise_request_exception = False
    assert staff.get(url).status_code < 500, url


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "正文\\u0000"}',
        '{"title\\u0000": "正文"}',
        '{"items": [{"note": ["好", "\\u0007"]}]}',
        '{"title": "\\u007f"}',
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_control_characters_inside_json_bodies_are_refused(
    client, login, admin_user, body, method
):
    """A JSON string may carry NUL as ``\\u0000``; PostgreSQL would refuse it later."""
    staff = login(admin_user)
    response = getattr(staff, method)(
        "/api/v1/documents/staff/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize("body", ["[" * 100_000, '{"a":' * 5_000 + "1" + "}" * 5_000])
def test_a_json_body_nested_too_deep_to_parse_is_refused_not_a_500(
    client, login, admin_user, body
):
    staff = login(admin_user)
    staff.raise_request_exception = False
    response = staff.post(
        "/api/v1/documents/staff/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    response = client.post("/api/v1/foi/requests/", body,
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400


# Types the API's JSON parser matches by wildcard: a body sent as one is parsed as
# JSON all the same, so it is measured all the same.
_JSON_BY_WILDCARD = ["application/*", "*/*", "*/json", "Application/JSON"]


@pytest.mark.parametrize("content_type", _JSON_BY_WILDCARD)
@pytest.mark.parametrize(
    "body",
    ["[" * 100_000, '{"a":' * 5_000 + "1" + "}" * 5_000, "[" * 65 + "]" * 65],
    ids=["100,000 arrays", "5,000 objects", "65 closed arrays"],
)
def test_a_deep_json_body_under_a_wildcard_type_is_refused_not_a_500(
    client, content_type, body
):
    client.raise_request_exception = False
    response = client.post("/api/v1/foi/status/", body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize("content_type", _JSON_BY_WILDCARD)
def test_a_json_body_under_a_wildcard_type_reaches_the_api_after_the_same_checks(
    client, content_type
):
    body = '{"tracking_number": "2026-0001", "query_code": "abcdef"}'
    response = client.post("/api/v1/foi/status/", body, content_type=content_type)
    assert response.status_code == 404
    assert response.json()["code"] == "foi.not_found"
    response = client.post(
        "/api/v1/foi/status/", '{"query_code": "\\u0000"}', content_type=content_type
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"  # the middleware's refusal


def test_json_bodies_with_tab_and_line_breaks_and_broken_json_reach_the_api(
    client, login, admin_user
):
    staff = login(admin_user)
    response = staff.post(
        "/api/v1/documents/staff/",
        '{"title": "第一行\\n第二行\\t"}',
        content_type="application/json",
    )
    assert response.status_code == 400  # the serializer's own field errors
    assert response.json()["code"] == "invalid"
    response = staff.post(
        "/api/v1/documents/staff/", '{"title": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] != "bad_request"
