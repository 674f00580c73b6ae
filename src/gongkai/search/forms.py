import contextlib
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .selectors import MAX_QUERY, SORTS, Filters


class SearchForm(forms.Form):
    """Query parameters of /search/ and GET /api/v1/search/ (``search_params``)."""

    q = forms.CharField(label=_("搜索"), max_length=MAX_QUERY, required=False)
    type = forms.CharField(required=False, max_length=64)
    issuer = forms.CharField(required=False, max_length=200)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)
    validity = forms.CharField(required=False, max_length=20)
    sort = forms.ChoiceField(choices=[(s, s) for s in SORTS], required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)


def search_params(data: Mapping[str, Any]) -> dict[str, object]:
    """``SearchForm``'s cleaned values of ``data`` (a query dict), each invalid one
    replaced by its default: each field's own ``clean`` without binding a form (a
    form deep-copies its seven fields: a tenth of a millisecond a search)."""
    cleaned: dict[str, Any] = {}
    for name, field in SearchForm.base_fields.items():
        with contextlib.suppress(ValidationError):
            cleaned[name] = field.clean(
                field.widget.value_from_datadict(data, {}, name)
            )
    return {
        "query": str(cleaned.get("q") or (data.get("q") or "")[:MAX_QUERY]),
        "filters": Filters(
            label=str(cleaned.get("type") or ""),
            issuer=str(cleaned.get("issuer") or ""),
            year=cleaned.get("year") or None,
            validity=str(cleaned.get("validity") or ""),
        ),
        "sort": cleaned.get("sort") or "relevance",
        "page": cleaned.get("page") or 1,
    }


class SynonymForm(forms.Form):
    """A set of synonyms as the office types it: one phrase per line."""

    phrases = forms.CharField(
        label=_("同义词（每行一个）"), widget=forms.Textarea(attrs={"rows": 4})
    )
    directed = forms.BooleanField(
        label=_("只从第一行扩展到其余各行（单向）"), required=False
    )

    def phrase_list(self) -> list[str]:
        """The phrases as typed, one per line (the service cleans them)."""
        return str(self.cleaned_data["phrases"]).splitlines()

    def is_directed(self) -> bool:
        return bool(self.cleaned_data.get("directed"))
