"""API of information requests: staff list (no personal data), public fee calculator
and case status lookup, the annual report as JSON. Thin over selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.clocks.models import Clock
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from gongkai.common.selectors import rule_value
from gongkai.core import fees
from gongkai.core import report_tables as rt

from .choices import FeeMethod
from .codes import REPLY_CLOCK
from .models import FoiRequest
from .permissions import can_edit_report
from .report.build import annual_report
from .selectors import (
    letters_for_applicant,
    reply_due,
    request_for_applicant,
    requests_visible_to,
)


class RequestSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = FoiRequest
        fields = [
            "id",
            "tracking_number",
            "channel",
            "status",
            "applicant_type",
            "department",
            "submitted_at",
            "received_at",
            "due_at",
            "outcome",
            "closed_at",
        ]


class RequestListView(generics.ListAPIView):
    """Requests the caller may handle, newest first (staff; no personal data)."""

    permission_classes = [IsStaff]
    serializer_class = RequestSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> QuerySet[FoiRequest]:
        clocks = Clock.objects.filter(
            subject_type=ContentType.objects.get_for_model(FoiRequest),
            subject_id=Cast(OuterRef("pk"), CharField()),
            rule_key=REPLY_CLOCK,
        ).order_by("-id")
        qs = requests_visible_to(self.request.user).annotate(
            due_at=Subquery(clocks.values("due_at")[:1])
        )
        status = self.request.query_params.get("status")
        return (qs.filter(status=status) if status else qs).order_by(
            "-submitted_at", "-id"
        )


class FeeQuery(serializers.Serializer):
    method = serializers.ChoiceField(choices=FeeMethod.choices)
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000)
    earlier_in_month = serializers.IntegerField(
        min_value=0, max_value=1_000_000, default=0
    )


class FeeQuoteView(APIView):
    """The processing fee by 国办函〔2020〕109号 with today's tables (public)."""

    @extend_schema(parameters=[FeeQuery], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        query = FeeQuery(data=request.query_params)
        if not query.is_valid():
            raise InvalidInputError(detail=query.errors, code="foi.fee_query")
        data, today = query.validated_data, timezone.localdate()
        if data["method"] == FeeMethod.BY_PAGE:
            quote = fees.fee_by_page(
                data["quantity"], tiers=rule_value("fee.per_page_tiers", on=today)
            )
        else:
            quote = fees.fee_by_item(
                data["quantity"],
                earlier_in_month=data["earlier_in_month"],
                table=rule_value("fee.per_item", on=today),
            )
        return Response(
            {
                "method": data["method"],
                "quantity": data["quantity"],
                "total": str(quote.total),
                "lines": quote.explanation(),
            }
        )


class StatusQuery(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=20)
    query_code = serializers.CharField(max_length=20)


class CaseStatusView(APIView):
    """An applicant's case by tracking number and query code (public, throttled)."""

    @extend_schema(request=StatusQuery, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        query = StatusQuery(data=request.data)
        if not query.is_valid():
            raise InvalidInputError(detail=query.errors, code="foi.status_query")
        found = request_for_applicant(**query.validated_data)
        if found is None:
            raise NotFoundError("申请编号或查询码不正确。", code="foi.not_found")
        due = reply_due(found)
        return Response(
            {
                "tracking_number": found.tracking_number,
                "status": found.status,
                "status_display": found.get_status_display(),
                "received_at": found.received_at,
                "due_date": due.due_date if due and found.closed_at is None else None,
                "outcome": found.outcome,
                "letters": [
                    {"number": x.number, "title": x.title, "issued_at": x.issued_at}
                    for x in letters_for_applicant(found)
                ],
            }
        )


class AnnualReportView(APIView):
    """The annual report of a year in its published JSON form (the office)."""

    permission_classes = [IsStaff]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, year: int) -> Response:
        if not can_edit_report(request.user):
            raise PermissionDeniedError()
        report: dict[str, Any] = annual_report(year)
        return Response(rt.report_to_json(report))
