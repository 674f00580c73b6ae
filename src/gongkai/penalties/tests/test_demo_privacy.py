"""The demo data through every public page, API response and download: the personal
data scan finds nothing, and natural persons' addresses never appear."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from gongkai.accounts import demo as accounts_demo
from gongkai.core.text import scan_personal_data
from gongkai.penalties import demo
from gongkai.penalties.models import Penalty
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)
ADDRESS = "仓山区"


@pytest.fixture
def demo_data():
    out = io.StringIO()
    accounts_demo.load(now=NOW, out=out)
    demo.load(now=NOW, out=out)
    demo.load(now=NOW, out=out)  # idempotent
    return out.getvalue()


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(c) for row in book.active.iter_rows(values_only=True) for c in row if c
    )


def test_demo_loads_every_kind_once(demo_data):
    assert Penalty.objects.count() == len(demo.CASES)
    statuses = set(Penalty.objects.values_list("status", flat=True))
    assert statuses == {Status.PUBLISHED, Status.IN_REVIEW, Status.WITHDRAWN}
    assert Penalty.objects.filter(publish_required=False).count() == 1


def test_no_personal_data_on_any_public_page_api_or_download(client, demo_data):
    import time_machine

    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        texts: dict[str, str] = {}
        texts["list"] = client.get("/penalties/").content.decode()
        texts["list-person"] = client.get(
            "/penalties/", {"category": "natural_person"}
        ).content.decode()
        for fmt in ("json", "csv"):
            texts[f"api-{fmt}"] = client.get(
                "/api/v1/penalties/", {"format": fmt}
            ).content.decode("utf-8-sig")
        texts["api-xlsx"] = _xlsx_text(
            client.get("/api/v1/penalties/", {"format": "xlsx"}).content
        )
        for p in Penalty.objects.all():
            page = client.get(p.get_absolute_url())
            texts[f"page-{p.pk}"] = page.content.decode()
            texts[f"api-{p.pk}"] = client.get(
                f"/api/v1/penalties/{p.pk}/"
            ).content.decode()
        visible = [k for k, v in texts.items() if "王某某" in v or "李某" in v]
        assert len(visible) >= 5  # the natural persons are really listed
        for name, text in texts.items():
            plain = re.sub(r"<[^>]+>", " ", text)
            assert scan_personal_data(plain) == [], name
            assert ADDRESS not in plain, name
            assert "11010519491231002X" not in text and "440524188001010014" not in text


def test_demo_licences_every_kind_and_no_personal_data_in_public(client, demo_data):
    import time_machine

    from gongkai.clocks.selectors import clocks_for
    from gongkai.penalties.licences import demo as licence_demo
    from gongkai.penalties.models import LicenceDecision

    assert LicenceDecision.objects.count() == len(licence_demo.CASES)
    statuses = set(LicenceDecision.objects.values_list("status", flat=True))
    assert statuses == {Status.PUBLISHED, Status.IN_REVIEW, Status.WITHDRAWN}
    late = LicenceDecision.objects.get(decision_number__endswith="202号")
    assert clocks_for(late).get().stopped_late
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        texts = [
            client.get("/licences/").content.decode(),
            client.get("/licences/feed/").content.decode(),
            client.get("/api/v1/penalties/licences/", {"format": "csv"}).content.decode(
                "utf-8-sig"
            ),
        ]
        for lic in LicenceDecision.objects.filter(status=Status.PUBLISHED):
            texts.append(client.get(lic.get_absolute_url()).content.decode())
    for text in texts:
        assert scan_personal_data(text) == []
        assert "11010519491231002X" not in text
