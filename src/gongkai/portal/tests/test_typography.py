"""Typography on public pages: full-width colons after Chinese labels, document
bodies laid out as official documents, Chinese titles marked in English mode, and
one 404 page for every unknown address."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>各设区市局：</p><p>现将有关事项通知如下。</p>"
    "<p>福建省质量技术监督局</p><p>2026年11月11日</p><p>（此件主动公开）</p>"
)


class _Form(forms.Form):
    name = forms.CharField(label="姓名或名称")


def test_chinese_labels_end_with_a_full_width_colon():
    with translation.override("zh-hans"):
        assert (
            _Form()["name"].label_tag() == '<label for="id_name">姓名或名称：</label>'
        )
    with translation.override("en"):
        assert _Form()["name"].label_tag().endswith(">姓名或名称:</label>")


def test_penalty_filters_use_full_width_colons(client):
    html = client.get("/penalties/").content.decode()
    assert "处罚类别：</label>" in html and "处罚类别:</label>" not in html


def test_document_body_marks_addressee_signer_and_date(client):
    d = DocumentFactory(published=True, body=BODY)
    html = client.get(d.get_absolute_url()).content.decode()
    assert '<p class="doc-addressee">各设区市局：</p>' in html
    assert '<p class="doc-signer">福建省质量技术监督局</p>' in html
    assert '<p class="doc-date">2026年11月11日</p>' in html
    assert "<p>（此件主动公开）</p>" in html


def test_english_pages_mark_chinese_titles(client):
    d = DocumentFactory(published=True, title="关于开展抽查的通知")
    client.cookies["django_language"] = "en"
    html = client.get(d.get_absolute_url()).content.decode()
    assert '<html lang="en"' in html
    assert '<h1 lang="zh-CN">关于开展抽查的通知</h1>' in html
    catalogue = client.get("/xxgk/").content.decode()
    assert 'lang="zh-CN">关于开展抽查的通知</a>' in catalogue
    assert 'data-label="Title"' in catalogue or 'data-label="Name"' in catalogue


def test_one_404_page_for_unknown_paths_and_unknown_records(client):
    unknown = client.get("/no/such/page/")
    record = client.get("/penalties/999999/")  # the view raises NotFoundError
    register = client.get("/registers/no-such-register/")
    for response in (unknown, record, register):
        assert response.status_code == 404
        assert "errors/error.html" in [t.name for t in response.templates]
        assert "页面不存在" in response.content.decode()
    assert client.get("/api/v1/penalties/999999/").json()["code"] == "not_found"
