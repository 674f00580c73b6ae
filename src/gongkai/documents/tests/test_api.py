"""API: public list with CSV/XLSX/JSON, detail, staff create with its permission."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.documents.models import Document
from gongkai.documents.tests.factories import DocumentFactory, IssuerFactory

pytestmark = pytest.mark.django_db
LIST = "api:documents-api:document-list"


def _published(**kw):
    return DocumentFactory(
        published=True, publish_at=timezone.now() - dt.timedelta(minutes=1), **kw
    )


def test_list_is_public_and_excludes_drafts(client):
    _published(title="已发布", doc_number="闽质监〔2026〕1号")
    DocumentFactory(title="草稿")
    data = client.get(reverse(LIST)).json()
    assert [r["title"] for r in data["results"]] == ["已发布"]
    row = data["results"][0]
    assert row["issuers"] == "福建省市场监督管理局" and row["validity"] == "effective"


def test_list_downloads_as_csv_and_xlsx(client):
    _published(title="抽查通告")
    csv_text = client.get(reverse(LIST), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("index_number,title,doc_number")
    assert "抽查通告" in csv_text
    xlsx = client.get(reverse(LIST), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][1] == "抽查通告"


def test_list_query_count_is_bounded(client, django_assert_max_num_queries):
    for _n in range(25):
        _published()
    # The first view counts, and works out the page state after the inserts (the
    # counter and the dependency tags changed with it).
    with django_assert_max_num_queries(8):
        assert client.get(reverse(LIST)).status_code == 200
    # Then the total is cached until the state changes: state (read by the page
    # cache and by the count's key: tests remember it for no time), page, issuers.
    with django_assert_max_num_queries(4):
        response = client.get(reverse(LIST), {"page": 2, "page_size": 10})
    assert response.json()["count"] == 25
    assert len(response.json()["results"]) == 10


def test_detail_by_index_number_and_404(client):
    doc = _published()
    url = reverse("api:documents-api:document-detail", args=[doc.index_number])
    assert client.get(url).json()["body"] == doc.body
    missing = client.get(reverse("api:documents-api:document-detail", args=["x/1"]))
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_create_needs_staff(client, login, staff, auditor):
    IssuerFactory()
    payload = {
        "title": "新文件",
        "issuers": ["福建省市场监督管理局"],
        "written_on": "2026-02-27",
    }
    url = reverse("api:documents-api:document-create")
    assert client.post(url, payload, content_type="application/json").status_code == 401
    assert (
        login(auditor).post(url, payload, content_type="application/json").status_code
        == 403
    )
    response = login(staff).post(url, payload, content_type="application/json")
    assert response.status_code == 201
    assert Document.objects.get().department == staff.department
    bad = login(staff).post(
        url, payload | {"doc_number": "bad"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["code"] == "document.doc_number"
