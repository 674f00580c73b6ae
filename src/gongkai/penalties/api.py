"""API v1 of penalties: the public register (JSON/CSV/XLSX), one penalty, and the
双公示 exchange export for staff (field codes as columns)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.accounts.permissions import can_review_content
from gongkai.common.api_pagination import count_cached
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.audit import audit_record
from gongkai.common.errors import NotFoundError, PermissionDeniedError
from gongkai.penalties.audit_actions import PenaltiesAudit
from gongkai.publishing.caching import catalogue_state

from .exchange import exchange_rows
from .forms import PenaltyFilterForm
from .models import Penalty
from .paging import MAX_DOWNLOAD, CappedPagination, DownloadMixin
from .presenters import public_list_record, public_record
from .selectors import penalty_get_public, penalty_list_public

FILTER_PARAMS = [
    OpenApiParameter("q", str, description="当事人名称、统一社会信用代码或决定书文号"),
    OpenApiParameter("type", str, description="处罚类别代码，如 fine"),
    OpenApiParameter("category", str, description="当事人类别代码"),
    OpenApiParameter("authority", str, description="处罚机关"),
    OpenApiParameter("date_from", str, description="决定日期自 YYYY-MM-DD"),
    OpenApiParameter("date_to", str, description="决定日期至 YYYY-MM-DD"),
]


class PenaltySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision_number = serializers.CharField()
    party_name = serializers.CharField()
    party_category = serializers.CharField()
    uscc = serializers.CharField()
    violation_type = serializers.CharField()
    penalty_types = serializers.CharField()
    content = serializers.CharField()
    fine_amount = serializers.CharField()
    decided_on = serializers.CharField()
    publicity_until = serializers.CharField()
    authority = serializers.CharField()
    url = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return public_list_record(instance)


def check_can_export(user: Any) -> None:
    """The 双公示 exchange exports carry full values (penalties and licensing
    decisions): reviewers and administrators only."""
    if not can_review_content(user):
        raise PermissionDeniedError(
            "只有公开办审核人员和管理员可以导出报送信用平台的完整数据。"
        )


class PenaltyListView(DownloadMixin, generics.ListAPIView):
    """Penalties in their publication window (public; ?format=csv|xlsx|json)."""

    serializer_class = PenaltySerializer
    renderer_classes = LIST_RENDERERS
    pagination_class = CappedPagination

    @extend_schema(parameters=FILTER_PARAMS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        form = PenaltyFilterForm(self.request.query_params)
        if self.request.query_params and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        now, query = timezone.now(), form.query()
        qs = penalty_list_public(now=now, query=query)
        if self._is_download():
            return qs[:MAX_DOWNLOAD]
        # The (capped) total is counted once per state of the public pages.
        raw = f"{catalogue_state(now)}:{sorted(vars(query).items())!r}"
        return count_cached(
            qs, key="api:penalties:count:" + hashlib.sha256(raw.encode()).hexdigest()
        )


class PenaltyDetailSerializer(PenaltySerializer):
    decision_text = serializers.CharField()


class PenaltyDetailView(APIView):
    """One penalty (public): masked summary and decision text, or the withdrawal."""

    @extend_schema(responses=PenaltyDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        now = timezone.now()
        penalty = penalty_get_public(pk=pk, now=now)
        if penalty is None:
            raise NotFoundError()
        if not penalty.is_visible(now):
            return Response(
                {
                    "id": penalty.pk,
                    "decision_number": penalty.decision_number,
                    "withdrawn": True,
                    "withdrawn_at": penalty.withdrawn_at,
                    "change_kind": penalty.get_change_kind_display(),
                    "reason": penalty.withdraw_reason,
                }
            )
        data = public_record(penalty)
        data["withdrawn"] = False
        return Response(data)


class ExchangeExportView(APIView):
    """双公示 exchange export: field codes as columns, full values (reviewers and
    administrators only; every export is audited). Published penalties visible now,
    optionally by decision date."""

    permission_classes = [IsStaff]
    renderer_classes = LIST_RENDERERS

    @extend_schema(
        parameters=[
            OpenApiParameter("date_from", str),
            OpenApiParameter("date_to", str),
        ],
        # One object per penalty: the exchange format's field codes as keys.
        responses={200: serializers.ListSerializer(child=serializers.DictField())},
    )
    def get(self, request: Request) -> Response:
        check_can_export(request.user)
        form = PenaltyFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        query = form.query()
        qs = penalty_list_public(now=timezone.now(), query=query)
        ids = list(qs.values_list("id", flat=True)[:MAX_DOWNLOAD])

        penalties = Penalty.objects.filter(id__in=ids).order_by("-decided_on", "-id")
        rows = list(exchange_rows(penalties))
        audit_record(
            actor=request.user,
            action=PenaltiesAudit.EXCHANGE_EXPORT,
            changes={"rows": len(rows), "query": vars(query)},
        )
        return Response(rows)
