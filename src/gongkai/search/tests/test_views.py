"""/search/ page and GET /api/v1/search/."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe as _safe
from django.utils.translation import gettext_lazy as _lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.documents.tests.factories import DocumentFactory
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(django_capture_on_commit_callbacks):
    past = timezone.now() - dt.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            DocumentFactory(
                published=True, publish_at=past, title=f"关于产品质量监督抽查的通告（第{n + 1}批）",
                doc_number=f"闽质监〔2025〕{n + 1}号",
            )  # fmt: skip
        DocumentFactory(title="抽查草稿不可见")


def test_search_page_shows_hits_facets_and_pages(client, docs):
    response = client.get(reverse("search:search"), {"q": "抽查"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "找到 25 条" in body and "<mark>抽查</mark>" in body
    assert "抽查草稿不可见" not in body
    assert "issuer=" + quote("福建省市场监督管理局") in body  # issuer facet
    # Each result links through its counted redirect, with the query.
    ids = SearchEntry.objects.values_list("pk", flat=True)
    links = re.findall(r'<h2 class="hit-title"><a href="([^"]+)"', body)
    assert len(links) == 20 and set(links) <= {
        reverse("search:go", args=[pk]) + "?q=" + quote("抽查") for pk in ids
    }
    assert 'rel="next"' in body
    page2 = client.get(
        reverse("search:search"), {"q": "抽查", "page": "2"}
    ).content.decode()
    assert page2.count('<li class="hit') == 5


def test_doc_number_first_on_the_page(client, docs):
    body = client.get(
        reverse("search:search"), {"q": "闽质监〔2025〕7号"}
    ).content.decode()
    first = body.index('<li class="hit')
    assert "（第7批）" in body[first : first + 400] and "文号匹配" in body


def test_bad_parameters_never_fail(client, docs):
    for params in (
        {"q": "抽查", "page": "x"},
        {"q": "抽查", "year": "abc", "sort": "zzz"},
        {},
    ):
        assert client.get(reverse("search:search"), params).status_code == 200


def test_no_results_page_has_advice(client, docs):
    body = client.get(reverse("search:search"), {"q": "火星探测"}).content.decode()
    assert "没有找到完全匹配的结果" in body


def test_api_returns_the_same_results(client, docs, django_assert_max_num_queries):
    # The day's roll, and the ranked texts of the candidates read (then kept).
    client.get(reverse("api:search-api:search"), {"q": "抽查"})
    # The counter (kept about a second outside tests), the statistics, the
    # candidates and the page's rows (only where not kept).
    with django_assert_max_num_queries(4):
        data = client.get(
            reverse("api:search-api:search"), {"q": "抽查", "page": 2}
        ).json()
    assert data["total"] == 25 and data["page"] == 2 and len(data["results"]) == 5
    assert {"type", "title", "url", "snippet", "issuer", "validity", "exact"} <= set(
        data["results"][0]
    )
    assert data["facets"]["label"] == [{"value": "政策文件", "count": 25}]
    exact = client.get(
        reverse("api:search-api:search"), {"q": "闽质监〔2025〕7号"}
    ).json()
    assert exact["results"][0]["exact"] is True


def test_api_never_exposes_unpublished_content(client, docs):
    data = client.get(reverse("api:search-api:search"), {"q": "草稿"}).json()
    assert data["total"] == 0


def test_cached_results_follow_publication(
    client, docs, staff, reviewer, django_capture_on_commit_callbacks
):
    from gongkai.documents.tests.factories import DocumentFactory
    from gongkai.publishing.services import publishing_withdraw

    url = reverse("api:search-api:search")
    assert client.get(url, {"q": "抽查"}).json()["total"] == 25
    assert client.get(url, {"q": "抽查"}).json()["total"] == 25  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFactory(
            published=True,
            publish_at=timezone.now() - dt.timedelta(seconds=1),
            title="新的抽查通告",
        )
    assert client.get(url, {"q": "抽查"}).json()["total"] == 26
    from gongkai.documents.models import Document

    doc = Document.objects.get(title="新的抽查通告")
    with django_capture_on_commit_callbacks(execute=True):
        publishing_withdraw(obj=doc, by=reviewer, reason="错误发布")
    assert client.get(url, {"q": "抽查"}).json()["total"] == 25


def test_api_offers_the_nearest_queries_when_nothing_matches(client, docs):
    data = client.get(reverse("api:search-api:search"), {"q": "抽查 火星"}).json()
    assert data["total"] == 0 and data["nearest"] == ["抽查"]


def test_a_cached_search_page_shows_an_expiry_from_its_midnight(
    client, django_capture_on_commit_callbacks
):
    """An entry lapses the day after ``expires_on``: the midnight marks the search
    pages stale (the module's CacheWatch), though nothing was written."""
    from gongkai.documents.choices import Validity

    # 23:59 in Shanghai on 1 March 2027 (UTC+8).
    evening = dt.datetime(2027, 3, 1, 15, 59, tzinfo=dt.UTC)
    with time_machine.travel(evening, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            DocumentFactory(
                published=True,
                publish_at=evening - dt.timedelta(days=1),
                title="关于计量器具检定的规定",
                validity=Validity.EFFECTIVE,
                valid_until=dt.date(2027, 3, 1),
            )
        before = client.get(reverse("search:search"), {"q": "计量"}).content.decode()
        assert "已失效" not in before
    with time_machine.travel(evening + dt.timedelta(minutes=2), tick=False):
        after = client.get(reverse("search:search"), {"q": "计量"}).content.decode()
    assert "关于计量器具检定的规定" in after and "已失效" in after


Q = "q=%E6%8A%BD%E6%9F%A5+abc"  # 抽查 abc
TYPE = "type=%E6%94%BF%E7%AD%96"  # 政策


@pytest.mark.parametrize(
    ("changes", "link"),
    [
        ({}, f"?{Q}&{TYPE}&year=2020&sort=date"),
        ({"type": ""}, f"?{Q}&year=2020&sort=date"),
        ({"year": 2021}, f"?{Q}&{TYPE}&year=2021&sort=date"),
        ({"issuer": "福建 省&"}, f"?{Q}&{TYPE}&year=2020&sort=date&issuer=%E7%A6%8F%E5%BB%BA+%E7%9C%81%26"),
        ({"page": 2}, f"?{Q}&{TYPE}&year=2020&sort=date&page=2"),
        ({"sort": "", "type": None}, f"?{Q}&year=2020"),
    ],
)  # fmt: skip
def test_a_result_link_drops_the_page_and_sets_its_changes(changes, link):
    from django.http import QueryDict

    from gongkai.search.views import _Links

    base = QueryDict("q=抽查+abc&type=政策&page=3&year=2020&sort=date")
    assert _Links(base)(**changes) == link


# The markup the search page's lists had as template code: the tags must render
# the same, escaping included.
OLD_RESULTS = """{% load i18n %}{% for hit, go in hits %}
    <li class="hit{% if hit.exact %} exact{% endif %}">
      <h2 class="hit-title"><a href="{{ go }}" lang="zh-CN">{{ hit.title }}</a>{% if hit.exact %} <span class="badge">{% translate "文号匹配" %}</span>{% endif %}</h2>
      <p class="snippet">{{ hit.snippet }}</p>
      <p class="meta">{{ hit.label }}{% if hit.issuer %} · {{ hit.issuer }}{% endif %}{% if hit.date %} · <time datetime="{{ hit.date|date:'Y-m-d' }}">{{ hit.date|date:"Y-m-d" }}</time>{% endif %}{% if hit.validity %} · {{ hit.validity }}{% endif %}</p>
    </li>
    {% endfor %}|{% for o in options %}<li><a href="{{ o.url }}"{% if o.active %} aria-current="true" class="active"{% endif %}>{{ o.value }}</a> <span class="count">({{ about }}{{ o.count }})</span></li>{% endfor %}|{% for q in nearest %}<li><a href="{% url 'search:search' %}?q={{ q|urlencode }}">{{ q }}</a></li>{% endfor %}|{% for hit in suggestions %}<li><a href="{{ hit.url }}">{{ hit.title }}</a></li>{% endfor %}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_page_lists_render_as_their_template_did(language):
    from django.template import Context, Template
    from django.utils import translation
    from django.utils.safestring import mark_safe

    from gongkai.search.selectors import Hit

    def hit(n, **changes):
        values = dict(
            id=n, kind="document", label="政策<文件>", title='A&B "<i>" \'引\'',
            url="/x/", date=dt.date(2025, 1, 2), issuer="省局&处", validity="有效",
            snippet=mark_safe("…<mark>抽查</mark> &amp; …"), exact=False,
        )  # fmt: skip
        return Hit(**{**values, **changes})

    context = {
        "hits": [
            (hit(1, exact=True), "/search/go/1/?q=a&b=<c>"),
            (hit(2, issuer="", date=None, validity=""), "/search/go/2/"),
        ],
        "options": [
            {"url": "?q=a&type=<x>", "active": True, "value": "<x>", "count": 3},
            {"url": "?q=a", "active": False, "value": 2025, "count": 12},
        ],
        "about": _lazy("约"),
        "nearest": ["抽查 <b>&", "a/b?c=d#e", "闽质监〔2017〕126号"],
        "suggestions": [hit(3), hit(4, url="/y/?a=1&b=<2>", title="")],
    }
    with translation.override(language):
        new = Template(
            "{% load search_page %}{% result_items hits %}|"
            "{% facet_options options about %}|{% nearest_items nearest %}|"
            "{% suggestion_items suggestions %}"
        ).render(Context(context))
        old = Template(OLD_RESULTS).render(Context(context))
    assert new == old and "&lt;x&gt;" in new and "<mark>" in new


def test_the_kept_form_and_help_hold_each_query_and_each_language(client, docs):
    # Rendered once per language and kept (common.kept): the query goes into its
    # slot escaped, and another language gets its own form and help.
    query = '抽查 <b>"&'
    body = client.get(reverse("search:search"), {"q": query}).content.decode()
    assert 'value="抽查 &lt;b&gt;&quot;&amp;"' in body and "<b>" not in body
    assert "搜索关键词或文号" in body and "只对其中最近发布的 500 条" in body
    client.cookies["django_language"] = "en"
    english = client.get(reverse("search:search"), {"q": "抽查"}).content.decode()
    assert 'value="抽查"' in english and "搜索关键词或文号" not in english
    assert "Search words or document number" in english and " 500 " in english


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)))


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(["q", "type", "page", "x y", "&"]), _TEXT)
    ),
    changes=st.dictionaries(
        st.sampled_from(["q", "type", "page", "sort", "年"]),
        st.one_of(st.none(), _TEXT, st.integers(-5, 10**6)),
    ),
)
def test_a_link_is_the_parameters_urlencode_writes(pairs, changes):
    # Each parameter encoded once (_Links), the link as urlencode wrote it from
    # the parameters without the page, each change set or (empty) dropped.
    from urllib.parse import urlencode

    from django.http import QueryDict

    from gongkai.search.views import _Links

    base = QueryDict(mutable=True)
    for key, value in pairs:
        base.appendlist(key, value)
    query = {key: values for key, values in base.lists() if key != "page"}
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = [str(value)]
    expected = urlencode([(k, v) for k, values in query.items() for v in values])
    assert _Links(base)(**changes) == "?" + expected


# The results part as template code before it was kept (``search_results``): the
# kept part must render the same for every shape.
OLD_PAGE = """{% load i18n search_page %}
<div class="search-layout">
{% if facets %}<aside class="facets" aria-label="{% translate '筛选' %}"><details class="facet-box"><summary class="btn btn-secondary">{% translate "筛选条件" %}</summary>
  {% for facet in facets %}<h2 class="facet-title">{{ facet.title }}</h2>
  <ul>{% facet_options facet.options about %}</ul>
  {% endfor %}
</details></aside>{% endif %}
<section class="results" aria-labelledby="result-count">
  {% if result.capped %}<p id="result-count" role="status">{% blocktranslate with n=result.total q=result.query %}与“{{ q }}”相关的结果超过 {{ n }} 条{% endblocktranslate %}</p>
  <p class="muted">{% blocktranslate with n=result.total %}匹配的结果很多：以下是其中最近的 {{ n }} 条，按相关度排列；左侧的分类计数也只计这 {{ n }} 条，是约数。增加关键词或按类型、年份筛选可以缩小范围。{% endblocktranslate %}</p>
  {% else %}<p id="result-count" role="status">{% blocktranslate count n=result.total with q=result.query %}找到 {{ n }} 条与“{{ q }}”相关的结果{% plural %}找到 {{ n }} 条与“{{ q }}”相关的结果{% endblocktranslate %}</p>{% endif %}
  {% if result.total %}
  <p class="sort">{% translate "排序" %}：
    {% if sort == "date" %}<a href="{{ sort_links.relevance }}">{% translate "按相关度" %}</a> · <strong>{% translate "按日期" %}</strong>
    {% else %}<strong>{% translate "按相关度" %}</strong> · <a href="{{ sort_links.date }}">{% translate "按日期" %}</a>{% endif %}</p>
  <ol class="hits">
    {% result_items hits %}
  </ol>
  {% if result.pages > 1 %}<nav aria-label="{% translate '分页' %}" class="pager"><ul>
    {% if prev %}<li><a href="{{ prev }}" rel="prev">{% translate "上一页" %}</a></li>{% endif %}
    {% for n, url in pages %}<li>{% if n == result.page %}<span aria-current="page">{{ n }}</span>{% else %}<a href="{{ url }}">{{ n }}</a>{% endif %}</li>{% endfor %}
    {% if next %}<li><a href="{{ next }}" rel="next">{% translate "下一页" %}</a></li>{% endif %}
  </ul></nav>{% endif %}
  {% else %}
  <div class="no-results">
    <p>{% translate "没有找到完全匹配的结果。建议：检查错别字，减少关键词，或改用更常见的词语（如“公开”“抽查”“处罚”）。" %}</p>
    {% if result.nearest %}<h2>{% translate "以下检索词有结果" %}</h2>
    <ul class="nearest">{% nearest_items result.nearest %}</ul>{% endif %}
    {% if result.suggestions %}<h2>{% translate "您是不是要找" %}</h2>
    <ul>{% suggestion_items result.suggestions %}</ul>{% endif %}
  </div>
  {% endif %}
</section>
</div>
"""


def _shapes():
    from gongkai.search.selectors import Hit, Result

    hit = Hit(
        id=1, kind="document", label="政策", title="抽查<通告>", url="/x/",
        date=dt.date(2025, 1, 2), issuer="省局", validity="有效",
        snippet=_safe("…<mark>抽查</mark>…"), exact=False,
    )  # fmt: skip
    facets = [
        {"title": _lazy("类型"), "options": [
            {"url": "?q=a&type=<x>", "active": True, "value": "<x>", "count": 3}]},
        {"title": _lazy("年份"), "options": [
            {"url": "?q=a&year=2025", "active": False, "value": "2025", "count": 12}]},
    ]  # fmt: skip
    for total, capped, page, pages in [
        (0, False, 1, 0), (1, False, 1, 1), (2, False, 1, 1), (45, False, 1, 3),
        (45, False, 2, 3), (45, False, 3, 3), (500, True, 1, 25), (45, False, 9, 3),
    ]:  # fmt: skip
        for sort in ("relevance", "date"):
            result = Result(
                query='抽查 <b>"&', terms=["抽查"], total=total, page=page,
                pages=pages, hits=[hit] if total and page <= pages else [],
                capped=capped, nearest=[] if total else ["抽查", "a&b"],
                suggestions=[] if total else [hit],
            )  # fmt: skip
            yield {
                "result": result,
                "hits": [(h, f"/search/go/{h.id}/?q=a&b") for h in result.hits],
                "sort": sort,
                "facets": facets if total else [],
                "about": _lazy("约") if capped else "",
                "sort_links": {"relevance": "?q=a&b=<c>", "date": "?q=a&sort=date"},
                "pages": [(n, f"?q=a&page={n}") for n in range(1, pages + 1)],
                "prev": f"?q=a&page={page - 1}" if page > 1 else "",
                "next": f"?q=a&page={page + 1}" if page < pages else "",
            }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_kept_results_part_renders_as_its_template_did(language):
    from django.template import Context, Template
    from django.utils import translation

    new_template = Template("{% load search_page %}{% search_results %}")
    old_template = Template(OLD_PAGE)
    with translation.override(language):
        for shape in _shapes():
            new = new_template.render(Context(shape))
            assert new == old_template.render(Context(shape)), shape
            assert "&lt;b&gt;&quot;&amp;" in new and "<b>" not in new


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(["q", "type", "page", "year", "&"]), _TEXT)
    ),
    key=st.sampled_from(["type", "year", "q", "年"]),
    values=st.lists(st.one_of(_TEXT, st.just("")), max_size=5),
)
def test_a_facet_links_setting_is_the_link_with_that_change(pairs, key, values):
    # The other parameters joined once (_Links.setting) give the same links as
    # each built whole, the key in its place or at the end, or dropped.
    from django.http import QueryDict

    from gongkai.search.views import _Links

    base = QueryDict(mutable=True)
    for name, value in pairs:
        base.appendlist(name, value)
    link = _Links(base)
    setting = link.setting(key)
    for value in values:
        assert setting(value) == link(**{key: value})
