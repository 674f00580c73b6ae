"""API v1 of registers: the registers with their fields, entries (JSON/CSV/XLSX)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import NotFoundError

from .presenters import public_fields, public_row
from .selectors import (
    entry_get_public,
    entry_list_public,
    filter_fields,
    register_get,
    register_list_public,
)

MAX_DOWNLOAD = 20000


class FieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    required = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())
    filterable = serializers.BooleanField()


class RegisterSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    basis = serializers.CharField()
    visible_count = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    columns = serializers.SerializerMethodField()

    def get_columns(self, obj: Any) -> list[dict[str, Any]]:
        return [FieldSerializer(f).data for f in obj.fields.all() if f.public]


class RegisterListView(APIView):
    """Active registers with their public fields (public)."""

    renderer_classes = LIST_RENDERERS

    @extend_schema(responses=RegisterSerializer(many=True))
    def get(self, request: Request) -> Response:
        registers = register_list_public(now=timezone.now())
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(registers, "fields")
        return Response(RegisterSerializer(registers, many=True).data)


class EntryListView(generics.GenericAPIView):
    """Visible entries of a register: ?q= and ?<enum field key>=; ?format=csv|xlsx.
    Columns are the field names, so a download imports back unchanged."""

    renderer_classes = LIST_RENDERERS
    serializer_class = serializers.Serializer

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="关键词")],
        responses={200: dict},
    )
    def get(self, request: Request, slug: str) -> Response:
        register = register_get(slug=slug)
        if register is None:
            raise NotFoundError()
        params = request.query_params
        filters = {f.key: params.get(f.key, "") for f in filter_fields(register)}
        qs = entry_list_public(
            register=register,
            now=timezone.now(),
            q=params.get("q", ""),
            filters=filters,
        ).prefetch_related("files")
        fields = public_fields(register)
        download = params.get("format") in ("csv", "xlsx")
        page = None if download else self.paginate_queryset(qs)
        entries = list(qs[:MAX_DOWNLOAD]) if page is None else page
        rows = []
        for entry in entries:
            entry.register = register
            rows.append(public_row(entry, fields))
        if page is not None:
            return self.get_paginated_response(rows)
        self.columns = ["id", *(f.label for f in fields), "url"]
        return Response(rows)

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        # The CSV/XLSX renderers name the columns of an empty download from here.
        from types import SimpleNamespace

        return SimpleNamespace(fields=dict.fromkeys(getattr(self, "columns", [])))


class EntryDetailView(APIView):
    """One visible entry (public)."""

    @extend_schema(operation_id="v1_registers_entry_retrieve", responses={200: dict})
    def get(self, request: Request, slug: str, pk: int) -> Response:
        register = register_get(slug=slug)
        entry = (
            entry_get_public(register=register, pk=pk, now=timezone.now())
            if register
            else None
        )
        if entry is None:
            raise NotFoundError()
        data = public_row(entry, public_fields(register))
        data["title"], data["publish_at"] = entry.title, entry.publish_at
        return Response(data)
