"""API v1 views of the foundation: pages, clocks inbox, audit trail, working-day calculator.

Views are thin: they validate input with serializers and call selectors/services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import CanViewAudit, IsStaff
from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import (
    clock_inbox,
    clock_status,
    clock_visible_to,
    work_calendar,
)
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import NotFoundError
from gongkai.common.models import AuditEvent
from gongkai.publishing.selectors import page_get_public, page_list_public


class PageSerializer(serializers.Serializer):
    title = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    publish_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class PageDetailSerializer(PageSerializer):
    body = serializers.CharField()


class PageListView(generics.ListAPIView):
    """Published pages (public)."""

    serializer_class = PageSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return page_list_public(now=timezone.now()).order_by("-publish_at", "-id")


class PageDetailView(APIView):
    """One published page (public)."""

    @extend_schema(responses=PageDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:

        page = page_get_public(slug=slug, now=timezone.now())
        if page is None:
            raise NotFoundError()
        return Response(PageDetailSerializer(page).data)


class ClockSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField()
    display_state = serializers.SerializerMethodField()

    class Meta:
        model = Clock
        fields = [
            "id",
            "title",
            "rule_key",
            "rule_version",
            "department",
            "started_at",
            "due_at",
            "provisional",
            "state",
            "display_state",
        ]

    def get_display_state(self, obj: Clock) -> str:
        now = self.context["now"]
        if obj.state != "running" or obj.due_at is None:
            return obj.state
        if obj.due_at <= now:
            return "overdue"
        if obj.due_soon_at and obj.due_soon_at <= now:
            return "due_soon"
        return "running"


class ClockInboxView(APIView):
    """Overdue, due-soon and paused clocks the caller may see (staff)."""

    permission_classes = [IsStaff]
    renderer_classes = LIST_RENDERERS

    @extend_schema(responses=ClockSerializer(many=True))
    def get(self, request: Request) -> Response:
        now = timezone.now()
        inbox = clock_inbox(request.user, now=now)
        rows = [*inbox["overdue"], *inbox["due_soon"], *inbox["paused"]]
        return Response(ClockSerializer(rows, many=True, context={"now": now}).data)


class ClockDetailSerializer(ClockSerializer):
    live_state = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    remaining_seconds = serializers.IntegerField(allow_null=True)
    explanation = serializers.ListField(child=serializers.CharField())

    class Meta(ClockSerializer.Meta):
        fields = [
            *ClockSerializer.Meta.fields,
            "live_state",
            "due_date",
            "remaining_seconds",
            "explanation",
        ]


class ClockDetailView(APIView):
    """A clock with its live status and the "why this date" explanation (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(responses=ClockDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        from django.shortcuts import get_object_or_404

        now = timezone.now()
        clock = get_object_or_404(clock_visible_to(request.user), pk=pk)
        status = clock_status(clock, now=now)
        data = ClockSerializer(clock, context={"now": now}).data
        data.update(
            {
                "live_state": str(status.state),
                "due_date": status.due_date,
                "remaining_seconds": int(status.remaining.total_seconds())
                if status.remaining
                else None,
                "explanation": status.explanation,
            }
        )
        return Response(data)


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "seq",
            "occurred_at",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "request_id",
            "prev_hash",
            "hash",
        ]


class AuditEventListView(generics.ListAPIView):
    """The audit trail, newest first (auditors, office, administrators)."""

    permission_classes = [CanViewAudit]
    serializer_class = AuditEventSerializer
    renderer_classes = LIST_RENDERERS
    queryset = AuditEvent.objects.order_by("-seq")


class WorkingDaysQuery(serializers.Serializer):
    # The calculator serves real cases; far-away years would only make the shared
    # calendar build (and keep) decades of days, or run past date.max.
    EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)

    start = serializers.DateField(
        help_text="起算日（不计入），2000-01-01 至 2099-12-31"
    )
    n = serializers.IntegerField(min_value=0, max_value=366)

    def validate_start(self, value: dt.date) -> dt.date:
        if not self.EARLIEST <= value <= self.LATEST:
            raise serializers.ValidationError(
                "起算日必须在 2000-01-01 至 2099-12-31 之间。"
            )
        return value


class WorkingDaysResult(serializers.Serializer):
    start = serializers.DateField()
    n = serializers.IntegerField()
    due = serializers.DateField()
    provisional = serializers.BooleanField()
    explanation = serializers.ListField(child=serializers.CharField())


class WorkingDaysView(APIView):
    """Add n working days to a date on the official calendar, with the explanation."""

    @extend_schema(
        parameters=[WorkingDaysQuery],
        responses=WorkingDaysResult,
    )
    def get(self, request: Request) -> Response:
        query = WorkingDaysQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, n = query.validated_data["start"], query.validated_data["n"]
        explanation = work_calendar().explain(start, n)
        return Response(
            {
                "start": start,
                "n": n,
                "due": explanation.due,
                "provisional": explanation.provisional,
                "explanation": explanation.lines(),
            }
        )
