from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import MAX_QUERY, SORTS, Filters


class SearchForm(forms.Form):
    """Query parameters of /search/ and GET /api/v1/search/; bad values are dropped."""

    q = forms.CharField(label=_("搜索"), max_length=MAX_QUERY, required=False)
    type = forms.CharField(required=False, max_length=64)
    issuer = forms.CharField(required=False, max_length=200)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)
    validity = forms.CharField(required=False, max_length=20)
    sort = forms.ChoiceField(choices=[(s, s) for s in SORTS], required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def params(self) -> dict[str, object]:
        """Cleaned values, each invalid one replaced by its default."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {
            "query": str(data.get("q") or (self.data.get("q") or "")[:MAX_QUERY]),
            "filters": Filters(
                label=str(data.get("type") or ""),
                issuer=str(data.get("issuer") or ""),
                year=data.get("year") or None,  # type: ignore[arg-type]
                validity=str(data.get("validity") or ""),
            ),
            "sort": data.get("sort") or "relevance",
            "page": data.get("page") or 1,
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
