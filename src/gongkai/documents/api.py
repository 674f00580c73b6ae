"""API v1 of the catalogue: public list (JSON / CSV / XLSX) and detail; staff create."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import CanWriteContent, IsStaff
from gongkai.common.api_pagination import count_cached
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import (
    InvalidInputError,
    NotFoundError,
)
from gongkai.publishing.caching import catalogue_state

from . import selectors as sel
from .choices import Disclosure, Validity
from .models import Genre, Issuer, Topic
from .services import document_create
from .views_public import filters_from


class DocumentSerializer(serializers.Serializer):
    index_number = serializers.CharField()
    title = serializers.CharField()
    doc_number = serializers.CharField()
    issuers = serializers.SerializerMethodField()
    topic = serializers.CharField(source="topic.name", default="")
    genre = serializers.CharField(source="genre.name", default="")
    written_on = serializers.DateField()
    publish_at = serializers.DateTimeField(allow_null=True)
    effective_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    validity = serializers.SerializerMethodField()
    summary = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")

    def get_issuers(self, obj: Any) -> str | None:
        # None: unknown (an imported document without one), shown as 不详 on pages.
        return "、".join(obj.issuer_names()) or None

    def get_validity(self, obj: Any) -> str:
        return obj.validity_on(self._today())

    def _today(self) -> Any:
        # One date for every row of a page (a list serializer shares its child).
        if not hasattr(self, "_today_value"):
            self._today_value = timezone.localdate()
        return self._today_value

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """The declared fields' values, read directly: a list page serializes 50
        rows, and DRF's generic per-field lookup was most of its time."""
        d = instance
        return {
            "index_number": d.index_number,
            "title": d.title,
            "doc_number": d.doc_number,
            "issuers": self.get_issuers(d),
            "topic": d.topic.name if d.topic_id else "",
            "genre": d.genre.name if d.genre_id else "",
            "written_on": _date(d.written_on),
            "publish_at": None
            if d.publish_at is None
            else self.fields["publish_at"].to_representation(d.publish_at),
            "effective_from": _date(d.effective_from),
            "valid_until": _date(d.valid_until),
            "validity": self.get_validity(d),
            "summary": d.summary,
            "url": d.get_absolute_url(),
        }


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


class DocumentDetailSerializer(DocumentSerializer):
    keywords = serializers.CharField()
    body = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        data.update(keywords=instance.keywords, body=instance.body)
        return data


class DocumentListView(generics.ListAPIView):
    """Public documents; filters topic, genre, issuer, year, validity, column;
    ``?format=csv|xlsx|json``."""

    serializer_class = DocumentSerializer
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        parameters=[
            OpenApiParameter("topic", str, description="主题分类代码"),
            OpenApiParameter("genre", str, description="体裁代码"),
            OpenApiParameter("issuer", int, description="发文机关编号"),
            OpenApiParameter("year", int, description="成文年份"),
            OpenApiParameter("validity", str, enum=Validity.values),
            OpenApiParameter("column", str, description="专题栏目"),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        now = timezone.now()
        filters = filters_from(self.request.query_params)
        qs = sel.document_list_public(now=now, filters=filters)
        # The total is counted once per state of the catalogue, as on /xxgk/.
        raw = f"{catalogue_state(now)}:{filters!r}"
        return count_cached(
            qs, key="api:documents:count:" + hashlib.sha256(raw.encode()).hexdigest()
        )


class DocumentDetailView(APIView):
    """One public document by 索引号 or id."""

    @extend_schema(responses=DocumentDetailSerializer)
    def get(self, request: Request, key: str) -> Response:
        document = sel.document_get_public(key=key, now=timezone.now())
        if document is None:
            raise NotFoundError()
        return Response(DocumentDetailSerializer(document).data)


class DocumentCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    doc_number = serializers.CharField(max_length=120, required=False, default="")
    issuers = serializers.ListField(
        child=serializers.CharField(max_length=100), min_length=1
    )
    written_on = serializers.DateField()
    topic = serializers.CharField(required=False, default="")
    genre = serializers.CharField(required=False, default="")
    summary = serializers.CharField(max_length=500, required=False, default="")
    body = serializers.CharField(required=False, default="")
    disclosure = serializers.ChoiceField(
        Disclosure.choices, default=Disclosure.PROACTIVE
    )
    disclosure_reason = serializers.CharField(
        max_length=300, required=False, default=""
    )


class DocumentCreateView(APIView):
    """Create a draft document in the user's department (staff)."""

    permission_classes = [IsStaff, CanWriteContent]  # before the body is read

    @extend_schema(
        request=DocumentCreateSerializer, responses={201: DocumentDetailSerializer}
    )
    def post(self, request: Request) -> Response:
        data = DocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        issuers = list(Issuer.objects.filter(name__in=v["issuers"]))
        if len(issuers) != len(set(v["issuers"])):
            raise InvalidInputError("发文机关不在机关名录中。", code="document.issuer")
        user: Any = request.user
        if user.department is None:
            raise InvalidInputError(
                "您的账号未设置处室，不能起草文件。", code="document.department"
            )
        document = document_create(
            title=v["title"], doc_number=v["doc_number"], issuers=issuers,
            written_on=v["written_on"], department=user.department, by=user,
            topic=Topic.objects.filter(code=v["topic"]).first(),
            genre=Genre.objects.filter(code=v["genre"]).first(),
            summary=v["summary"], body=v["body"], disclosure=v["disclosure"],
            disclosure_reason=v["disclosure_reason"],
        )  # fmt: skip
        return Response(
            DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED
        )
