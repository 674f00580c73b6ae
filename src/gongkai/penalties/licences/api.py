"""API v1 of licensing decisions (under /api/v1/penalties/licences/): the public list
(JSON/CSV/XLSX), one decision, and the 双公示 exchange export for the office."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.audit import audit_record
from gongkai.common.errors import NotFoundError

from ..api import check_can_export
from ..audit_actions import LicencesAudit
from ..derive import today_in_shanghai
from ..paging import MAX_DOWNLOAD, CappedPagination, DownloadMixin
from .exchange import exchange_rows
from .forms import LicenceFilterForm
from .presenters import public_list_record, public_record
from .selectors import licence_get_public, licence_list_public

FILTER_PARAMS = [
    OpenApiParameter(
        "q", str, description="相对人名称、统一社会信用代码、文书号或许可编号"
    ),
    OpenApiParameter("category", str, description="许可类别代码，如 general"),
    OpenApiParameter("authority", str, description="许可机关"),
    OpenApiParameter("date_from", str, description="决定日期自 YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="决定日期至 YYYY-MM-DD"),
]


class LicenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision_number = serializers.CharField()
    document_name = serializers.CharField()
    party_name = serializers.CharField()
    party_category = serializers.CharField()
    uscc = serializers.CharField()
    licence_category = serializers.CharField()
    certificate_name = serializers.CharField()
    certificate_number = serializers.CharField()
    content = serializers.CharField()
    decided_on = serializers.CharField()
    valid_from = serializers.CharField()
    valid_until = serializers.CharField()
    authority = serializers.CharField()
    url = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return public_list_record(instance)


def _filter_query(params: Any) -> Any:
    form = LicenceFilterForm(params)
    if params and not form.is_valid():
        raise serializers.ValidationError(form.errors)
    return form.query()


class LicenceListView(DownloadMixin, generics.ListAPIView):
    """Licensing decisions published now (public; ?format=csv|xlsx|json)."""

    serializer_class = LicenceSerializer
    renderer_classes = LIST_RENDERERS
    pagination_class = CappedPagination

    @extend_schema(parameters=FILTER_PARAMS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        query = _filter_query(self.request.query_params)
        qs = licence_list_public(now=timezone.now(), query=query)
        return qs[:MAX_DOWNLOAD] if self._is_download() else qs


class LicenceDetailView(APIView):
    """One licensing decision (public, masked), or its withdrawal."""

    @extend_schema(responses=LicenceSerializer)
    def get(self, request: Request, pk: int) -> Response:
        now = timezone.now()
        licence = licence_get_public(pk=pk, now=now)
        if licence is None:
            raise NotFoundError()
        if not licence.is_visible(now):
            return Response(
                {
                    "id": licence.pk,
                    "decision_number": licence.decision_number,
                    "withdrawn": True,
                    "withdrawn_at": licence.withdrawn_at,
                    "reason": licence.withdraw_reason,
                }
            )
        data = public_record(licence)
        data["withdrawn"] = False
        return Response(data)


class LicenceExchangeView(APIView):
    """双公示 行政许可 exchange export: field codes as columns, full values (reviewers
    and administrators only; every export is audited)."""

    permission_classes = [IsStaff]
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        parameters=FILTER_PARAMS,
        responses={200: serializers.ListSerializer(child=serializers.DictField())},
    )
    def get(self, request: Request) -> Response:
        check_can_export(request.user)
        query = _filter_query(request.query_params)
        now = timezone.now()
        qs = licence_list_public(now=now, query=query)[:MAX_DOWNLOAD]
        rows = list(exchange_rows(qs, today=today_in_shanghai(now)))
        audit_record(
            actor=request.user,
            action=LicencesAudit.EXCHANGE_EXPORT,
            changes={"rows": len(rows), "query": vars(query)},
        )
        return Response(rows)
