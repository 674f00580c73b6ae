"""Every built-in register is browsable, searchable and downloadable in the demo."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from gongkai.accounts import demo as accounts_demo
from gongkai.core.text import scan_personal_data
from gongkai.registers import demo
from gongkai.registers.builtin import BUILTIN
from gongkai.registers.models import Entry
from gongkai.search.selectors import search_run

pytestmark = pytest.mark.django_db(transaction=False)
NOW = dt.datetime(2026, 11, 2, 2, tzinfo=dt.UTC)


@pytest.fixture
def loaded(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = str(tmp_path)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        accounts_demo.load(now=NOW, out=out)
        demo.load(now=NOW, out=out)
        demo.load(now=NOW, out=out)
    return out.getvalue()


def test_every_builtin_register_is_browsable_searchable_downloadable(client, loaded):
    assert Entry.objects.count() == sum(len(rows) for rows in demo.ROWS.values())
    for definition in BUILTIN:
        slug = definition["slug"]
        url = f"/registers/{slug}/"
        html = client.get(url).content.decode()
        first = demo.ROWS[slug][0]
        title_value = next(iter(first.values()))
        assert client.get(url).status_code == 200
        entries = Entry.objects.filter(register__slug=slug)
        assert entries.exists()
        entry = entries.first()
        assert entry.title in html
        # search within the register finds it by its title
        found = client.get(url, {"q": entry.title[:4]}).content.decode()
        assert entry.get_absolute_url() in found
        for fmt in ("csv", "xlsx", "json"):
            response = client.get(f"/api/v1/registers/{slug}/", {"format": fmt})
            assert response.status_code == 200, (slug, fmt)
        page = client.get(entry.get_absolute_url()).content.decode()
        assert scan_personal_data(re.sub(r"<[^>]+>", " ", page)) == []
        assert title_value
    # the registers appear in the site search
    hits = search_run(query="电热水壶", now=NOW + dt.timedelta(hours=1)).hits
    assert any("产品质量监督抽查结果" in h.snippet for h in hits)
    standard = Entry.objects.get(register__slug="local-standards")
    attached = standard.files.get()
    response = client.get(
        f"/registers/local-standards/{standard.pk}/files/{attached.pk}/"
    )
    assert b"".join(response.streaming_content).startswith(b"DB35/T")
