"""The page cache as the first middleware: declared query parameters only,
invalidation by dependency, CDN headers and the purge hook, API lists."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from gongkai.budgets.tests.factories import published_set
from gongkai.documents import services
from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory
from gongkai.publishing import static
from gongkai.publishing.choices import Status
from gongkai.publishing.pagecache import declared

pytestmark = pytest.mark.django_db


def _cached_views(patterns, prefix=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            space = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _cached_views(pattern.url_patterns, prefix + space)
        elif getattr(pattern.callback, "public_page", False):
            yield prefix + pattern.name


def test_every_cached_view_is_declared():
    from django.urls import get_resolver

    found = set(_cached_views(get_resolver().url_patterns))
    assert "documents:detail" in found and "portal:home" in found
    # The modules of this branch; a new module's pages work undeclared (next test).
    here = ("documents", "portal", "penalties", "registers", "foi", "inspections",
            "participation", "govservices", "budgets", "oversight")  # fmt: skip
    ours = {name for name in found if name.split(":")[0] in here}
    assert ours <= set(declared()), ours - set(declared())
    for kind in declared().values():
        if kind.each is None and kind.static:
            assert reverse(kind.url_name)


def test_an_undeclared_public_page_is_cached_until_any_change(rf, client):
    from django.http import HttpResponse

    from gongkai.publishing.caching import content_changed
    from gongkai.publishing.pagecache import public_page

    renders = []

    @public_page
    def view(request):
        renders.append(1)
        return HttpResponse(f"第{len(renders)}次")

    first = view(rf.get("/not-declared/?a=1"))
    assert view(rf.get("/not-declared/?a=1")).content == first.content
    assert view(rf.get("/not-declared/?a=2")).content != first.content
    content_changed(tags=["unrelated.tag"])
    assert view(rf.get("/not-declared/?a=1")).content == "第3次".encode()


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        ("/xxgk/?x=random", "/xxgk/"),
        ("/xxgk/?topic=a&utm_source=b&page=2", "/xxgk/?topic=a&page=2"),
        ("/penalties/?q=%E5%8E%A6%E9%97%A8&x=1", "/penalties/?q=%E5%8E%A6%E9%97%A8"),
        ("/?x=1", "/"),
        # participation, government services, budgets, oversight
        ("/consultations/?phase=open&x=1", "/consultations/?phase=open"),
        ("/messages/?page=2&utm_source=b", "/messages/?page=2"),
        ("/proposals/?year=2026&x=1", "/proposals/?year=2026"),
        ("/incidents/?page=2", "/incidents/"),
        ("/services/?q=%E8%AE%A1%E9%87%8F&x=1", "/services/?q=%E8%AE%A1%E9%87%8F"),
        ("/powers/?on=2025-03-01&x=1", "/powers/?on=2025-03-01"),
        ("/powers/diff/?from=2025-01-01&to=2025-03-01&x=1",
         "/powers/diff/?from=2025-01-01&to=2025-03-01"),
        ("/budgets/?year=2025&x=1", "/budgets/?year=2025"),
        ("/oversight/reading-rooms/?x=1", "/oversight/reading-rooms/"),
    ],
)  # fmt: skip
def test_unknown_query_parameters_redirect_to_the_canonical_url(
    client, asked, canonical
):
    response = client.get(asked)
    assert response.status_code == 301 and response["Location"] == canonical


@pytest.mark.parametrize(
    "path",
    ["/messages/new/?about=/powers/P1/", "/messages/track/?x=1", "/messages/mine/",
     "/messages/done/", "/services/1/materials.csv", "/budgets/2025/budget/download.csv",
     "/search/?q=x"],
)  # fmt: skip
def test_forms_lookups_and_downloads_are_not_declared(path):
    from gongkai.publishing.pagecache import page_kind

    kind = page_kind(path.split("?")[0])
    assert kind is None or not kind.static


def test_declared_parameters_are_served_and_a_staff_visit_is_not_redirected(
    client, login, staff
):
    assert client.get("/xxgk/?topic=a&page=2").status_code == 200
    login(staff)
    assert client.get("/xxgk/?x=random").status_code == 200


def test_a_hit_carries_the_stack_headers_and_cdn_cache_control(client, settings):
    settings.GONGKAI_CDN_SECONDS = 120
    first = client.get("/xxgk/")
    hit = client.get("/xxgk/")
    assert hit.content == first.content
    for name in ("Content-Language", "X-Frame-Options", "Content-Security-Policy"):
        assert hit[name] == first[name]
    assert hit["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=120"
    assert hit["ETag"] == first["ETag"] and "Cookie" in hit["Vary"]
    revalidated = client.get("/xxgk/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304 and revalidated["ETag"] == first["ETag"]
    assert "s-maxage=120" in revalidated["Cache-Control"]


def test_a_publication_leaves_pages_not_showing_it_cached(
    client, staff, reviewer, django_assert_max_num_queries
):
    issuer = IssuerFactory(name="福州市标准化研究院")
    kept = DocumentFactory(published=True, issuers=[issuer], title="不受影响的文件")
    client.get(kept.get_absolute_url())
    home = client.get("/").content.decode()
    draft = DocumentFactory(
        status=Status.APPROVED, department=staff.department, author=staff,
        title="新发布的文件",
    )  # fmt: skip
    services.document_publish(document=draft, by=reviewer)
    assert "新发布的文件" in client.get("/").content.decode() != home
    # The other document's page did not show the new one: still a cache hit.
    with django_assert_max_num_queries(2):  # the counter and the changed tags
        assert client.get(kept.get_absolute_url()).status_code == 200
    # An edit of a row it shows (its issuer) makes it stale.
    issuer.name = "福州市质量计量检测所"
    issuer.save()
    assert (
        "福州市质量计量检测所" in client.get(kept.get_absolute_url()).content.decode()
    )


def test_anonymous_api_lists_are_cached_like_pages(
    client, django_assert_max_num_queries
):
    DocumentFactory(published=True, title="接口中的文件")
    first = client.get("/api/v1/documents/")
    assert first.status_code == 200 and "接口中的文件" in first.content.decode()
    with django_assert_max_num_queries(1):
        again = client.get("/api/v1/documents/")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert "Accept" in again["Vary"]
    csv = client.get("/api/v1/penalties/?format=csv")
    assert csv.status_code == 200
    assert client.get("/api/v1/penalties/").content != csv.content
    assert client.get("/api/v1/documents/?x=1").status_code == 200  # not redirected


NEWER_API_LISTS = [
    "/api/v1/services/",
    "/api/v1/budgets/",
    "/api/v1/budgets/?year=2026&kind=budget",
    "/api/v1/consultations/",
    "/api/v1/participation/consultations/?phase=open",
    "/api/v1/meetings/",
    "/api/v1/participation/meetings/",
    "/api/v1/messages/",
    "/api/v1/participation/messages/",
    "/api/v1/proposals/?year=2026",
    "/api/v1/participation/proposals/",
    "/api/v1/incidents/",
    "/api/v1/participation/incidents/",
]


@pytest.mark.parametrize("url", NEWER_API_LISTS)
def test_the_newer_modules_api_lists_are_cached_too(
    client, url, django_assert_max_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # the counter: a hit
        again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert "Accept" in again["Vary"]
    # a stray parameter is answered (not redirected) and not kept
    assert client.get(url + ("&" if "?" in url else "?") + "x=1").status_code == 200


def test_a_publication_renews_the_cached_api_list(
    client, staff, reviewer, django_capture_on_commit_callbacks
):
    assert client.get("/api/v1/budgets/").json()["results"] == []
    with django_capture_on_commit_callbacks(execute=True):
        published = published_set(staff=staff, reviewer=reviewer, year=2025)
    results = client.get("/api/v1/budgets/").json()["results"]
    assert [row["id"] for row in results] == [published.pk]


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_POST(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_purge_hook_is_called_with_each_changed_page(
    client, settings, tmp_path, staff, reviewer, django_capture_on_commit_callbacks
):
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    settings.GONGKAI_STATIC_SITE_URL = "https://www.example.gov.cn"
    settings.GONGKAI_CDN_PURGE_URL = f"http://127.0.0.1:{port}/purge?url={{url}}"
    _Recorder.seen = []
    try:
        static.static_build(out=tmp_path / "site")  # the index of pages
        draft = DocumentFactory(
            status=Status.APPROVED, department=staff.department, author=staff
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.document_publish(document=draft, by=reviewer)
    finally:
        server.shutdown()
    assert "/purge?url=https%3A%2F%2Fwww.example.gov.cn%2F" in _Recorder.seen
    assert "/purge?url=https%3A%2F%2Fwww.example.gov.cn%2Fxxgk%2F" in _Recorder.seen
    assert "/purge?url=https%3A%2F%2Fwww.example.gov.cn%2Fpenalties%2F" not in (
        _Recorder.seen
    )


def test_an_api_list_answers_a_stray_parameter_instead_of_redirecting(client):
    """An API client gets its list (200), not a 301, for a parameter the list does
    not declare; that answer is not kept under a key of its own."""
    from gongkai.documents.tests.factories import DocumentFactory

    DocumentFactory(published=True)
    response = client.get("/api/v1/documents/", {"stray": "1"})
    assert response.status_code == 200 and response.json()["count"] == 1
    assert "ETag" not in response  # answered, not stored
    assert client.get("/xxgk/", {"stray": "1"}).status_code == 301  # pages redirect


@pytest.mark.parametrize(
    "path",
    ["/consultations/", "/meetings/", "/messages/", "/proposals/", "/incidents/",
     "/services/", "/powers/", "/powers/licensing/", "/budgets/", "/oversight/"],
)  # fmt: skip
def test_the_new_modules_pages_are_answered_from_the_cache(
    client, path, django_assert_max_num_queries
):
    first = client.get(path)
    assert first.status_code == 200 and "ETag" in first
    with django_assert_max_num_queries(2):  # the counter and the changed tags
        again = client.get(path)
    assert again.content == first.content and again["ETag"] == first["ETag"]
