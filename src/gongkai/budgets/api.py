"""API v1 of budgets: the published sets by year and kind, one set with its tables
and rows, and the import for staff (the same checks as the workbench upload)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.accounts.permissions import can_edit_content
from gongkai.common.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)

from . import services
from .choices import Kind
from .presenters import set_record
from .selectors import budget_sets_public, tableset_get


class SetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    year = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    tableset = serializers.CharField()
    unit = serializers.CharField()
    approved_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField()


class SetListSerializer(serializers.Serializer):
    results = SetSerializer(many=True)


class RowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    amounts = serializers.DictField(child=serializers.CharField())


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class TableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)


class SetDetailSerializer(SetSerializer):
    explanation = serializers.CharField()
    running_costs = serializers.CharField(allow_null=True)
    tables = TableSerializer(many=True)


class SetListView(APIView):
    """Published budgets and final accounts, newest year first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="年度"),
            OpenApiParameter("kind", str, description="budget（预算）或 final（决算）"),
        ],
        operation_id="budgets_list",
        responses=SetListSerializer,
    )
    def get(self, request: Request) -> Response:
        qs = budget_sets_public(now=timezone.now())
        year = request.query_params.get("year", "")
        kind = request.query_params.get("kind", "")
        if year:
            if not year.isdecimal():
                raise InvalidInputError("年度应为数字。", code="budget.year")
            qs = qs.filter(year=int(year))
        if kind:
            if kind not in Kind.values:
                raise InvalidInputError(
                    "类别应为 budget 或 final。", code="budget.kind"
                )
            qs = qs.filter(kind=kind)
        return Response(
            {"results": [set_record(s, None, rows=False) for s in qs[:200]]}
        )


class SetDetailView(APIView):
    """One published set with its explanation, tables and rows."""

    @extend_schema(operation_id="budgets_retrieve", responses=SetDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        budget_set = budget_sets_public(now=timezone.now()).filter(pk=pk).first()
        if budget_set is None:
            raise NotFoundError()
        return Response(
            set_record(budget_set, tableset_get(budget_set.tableset_key), rows=True)
        )


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class ImportView(APIView):
    """Import a filled workbook as the year's draft (staff); a set failing a check
    is refused with every problem (sheet, row, column, check) in ``detail``."""

    permission_classes = [IsStaff]
    parser_classes = [MultiPartParser]

    @extend_schema(request=ImportSerializer, responses={201: SetSerializer})
    def post(self, request: Request) -> Response:
        if not can_edit_content(request.user, None):  # before the body is read
            raise PermissionDeniedError()
        given = ImportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(given.validated_data)
        budget_set = services.budget_import(
            data=data["file"].read(), file_name=data["file"].name,
            kind=data["kind"], year=data["year"], by=request.user,  # type: ignore[arg-type]
        )  # fmt: skip
        return Response(set_record(budget_set, None, rows=False), status=201)
