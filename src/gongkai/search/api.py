"""GET /api/v1/search/?q=: the same search as the page, as JSON."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .forms import search_params
from .selectors import Hit, search_run_cached


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "type": hit.label,
        "kind": hit.kind,
        "title": hit.title,
        "url": hit.url,
        "date": hit.date.isoformat() if hit.date else None,
        "issuer": hit.issuer,
        "validity": hit.validity,
        "snippet": str(hit.snippet),
        "exact": hit.exact,
    }


class HitSerializer(serializers.Serializer):
    type = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    issuer = serializers.CharField()
    validity = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML with <mark> around matched terms")
    exact = serializers.BooleanField(help_text="an exact 文号 or code match")


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    terms = serializers.ListField(child=serializers.CharField())
    total = serializers.IntegerField()
    capped = serializers.BooleanField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetSerializer(many=True))
    suggestions = HitSerializer(many=True)
    nearest = serializers.ListField(
        child=serializers.CharField(),
        help_text="when nothing matched: nearby queries that do match",
    )


class SearchView(APIView):
    """Full-text search of public content (文号 exact first; facets; suggestions)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, required=name == "q")
            for name in ("q", "type", "issuer", "year", "validity", "sort", "page")
        ],
        responses=SearchResultSerializer,
    )
    def get(self, request: Request) -> Response:
        params = search_params(request.query_params)
        result = search_run_cached(now=timezone.now(), **params)  # type: ignore[arg-type]
        return Response(
            {
                "query": result.query,
                "terms": result.terms,
                "total": result.total,
                "capped": result.capped,
                "page": result.page,
                "pages": result.pages,
                "results": [_hit(h) for h in result.hits],
                "facets": {
                    k: [{"value": v, "count": n} for v, n in rows]
                    for k, rows in result.facets.items()
                },
                "suggestions": [_hit(h) for h in result.suggestions],
                "nearest": result.nearest,
            }
        )
