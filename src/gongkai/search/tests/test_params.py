"""The search's query parameters (``forms.search_params``): each invalid value is
replaced by its default, never an error."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from gongkai.search.forms import search_params
from gongkai.search.selectors import MAX_QUERY, Filters

DEFAULTS = {"query": "", "filters": Filters(), "sort": "relevance", "page": 1}


@pytest.mark.parametrize(
    ("query", "changed"),
    [
        ("", {}),
        ("q=%E6%8A%BD%E6%9F%A5", {"query": "抽查"}),
        ("q=+%E6%8A%BD%E6%9F%A5+", {"query": "抽查"}),  # stripped as the field does
        (f"q={'x' * (MAX_QUERY + 1)}", {"query": "x" * MAX_QUERY}),  # too long: cut
        ("page=1", {}),
        ("page=10000", {"page": 10_000}),
        ("page=0", {}),
        ("page=10001", {}),
        ("page=-3", {}),
        ("page=x", {}),
        ("page=2&page=3", {"page": 3}),  # the last value, as a bound form reads it
        ("year=1899", {}),
        ("year=1900", {"filters": Filters(year=1900)}),
        ("year=2999", {"filters": Filters(year=2999)}),
        ("year=3000", {}),
        ("year=abc", {}),
        ("sort=date", {"sort": "date"}),
        ("sort=relevance", {}),
        ("sort=zzz", {}),
        (
            "type=%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6",
            {"filters": Filters(label="政策文件")},
        ),
        (f"type={'t' * 65}", {}),
        (f"issuer={'i' * 200}", {"filters": Filters(issuer="i" * 200)}),
        (f"issuer={'i' * 201}", {}),
        ("validity=%E6%9C%89%E6%95%88", {"filters": Filters(validity="有效")}),
        (
            "q=a&type=b&issuer=c&year=2017&validity=d&sort=date&page=2",
            {
                "query": "a",
                "filters": Filters(label="b", issuer="c", year=2017, validity="d"),
                "sort": "date",
                "page": 2,
            },
        ),
    ],
)
def test_each_value_is_kept_or_replaced_by_its_default(query, changed):
    assert search_params(QueryDict(query)) == {**DEFAULTS, **changed}


def test_a_plain_dict_is_read_as_a_query_dict():
    # The search counts keep each search's parameters as a plain dict.
    assert search_params({"q": "抽查", "page": "2", "year": "x"}) == {
        **DEFAULTS,
        "query": "抽查",
        "page": 2,
    }
