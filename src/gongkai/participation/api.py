"""API v1 of the mailbox, proposals and incidents (mounted at
/api/v1/participation/): answered public messages, proposals with their published
replies, public incidents with their releases, and the staff's monthly counts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import InvalidInputError, NotFoundError

from .presenters import incident_record, message_record, proposal_record
from .selectors.mailbox import (
    incident_list_public,
    message_get_public,
    message_list_public,
    message_month_counts,
    proposal_list_public,
    proposal_reply_public,
)


class MessageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    tracking_number = serializers.CharField()
    category = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    writer = serializers.CharField()
    department = serializers.CharField()
    received_on = serializers.CharField()
    answered_on = serializers.CharField()
    answer = serializers.CharField()
    satisfaction = serializers.CharField()
    url = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return message_record(instance)


class MessageListView(generics.ListAPIView):  # type: ignore[type-arg]
    """Answered messages whose writers agreed to publication (contact data stripped)."""

    serializer_class = MessageSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return message_list_public().select_related("department")


class MessageDetailView(APIView):
    serializer_class = MessageSerializer

    @extend_schema(responses=MessageSerializer)
    def get(self, request: Request, number: str) -> Response:
        message = message_get_public(number)
        if message is None:
            raise NotFoundError()
        return Response(message_record(message))


class ReplySerializer(serializers.Serializer):  # type: ignore[type-arg]
    title = serializers.CharField()
    body = serializers.CharField()
    is_summary = serializers.BooleanField()
    summary_reason = serializers.CharField()
    published_on = serializers.CharField()


class ProposalSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    kind = serializers.CharField()
    year = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    proposer = serializers.CharField()
    lead_department = serializers.CharField()
    co_departments = serializers.CharField()
    status = serializers.CharField()
    replied_on = serializers.CharField()
    satisfaction = serializers.CharField()
    reply = ReplySerializer(allow_null=True)
    url = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        reply = getattr(instance, "reply", None) if _has_reply(instance) else None
        if reply is not None and not reply.is_visible(timezone.now()):
            reply = None
        return proposal_record(instance, reply)


def _has_reply(proposal: Any) -> bool:
    try:
        proposal.reply  # noqa: B018
    except ObjectDoesNotExist:
        return False
    return True


class ProposalListView(generics.ListAPIView):  # type: ignore[type-arg]
    """Proposals and their handling status (?year=); published replies in full."""

    serializer_class = ProposalSerializer

    @extend_schema(parameters=[OpenApiParameter("year", int, description="年度")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        year = self.request.query_params.get("year")
        if year is not None and not year.isdecimal():
            raise InvalidInputError("year 必须是年份数字，如 2026。", code="invalid")
        return proposal_list_public(year=int(year) if year else None)


class ProposalDetailView(APIView):
    """One proposal with its published reply (as its public page shows it)."""

    serializer_class = ProposalSerializer

    @extend_schema(responses=ProposalSerializer)
    def get(self, request: Request, pk: int) -> Response:
        proposal = proposal_list_public().filter(pk=pk).first()
        if proposal is None:
            raise NotFoundError()
        reply = proposal_reply_public(proposal, now=timezone.now())
        return Response(proposal_record(proposal, reply))


class ReleaseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.CharField()
    title = serializers.CharField()
    at = serializers.CharField()
    url = serializers.CharField()
    body = serializers.CharField()


class IncidentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    occurred_at = serializers.CharField()
    summary = serializers.CharField()
    department = serializers.CharField()
    releases = ReleaseSerializer(many=True)
    url = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return incident_record(instance)


class IncidentListView(generics.ListAPIView):  # type: ignore[type-arg]
    """Public incidents with their releases in order."""

    serializer_class = IncidentSerializer

    def get_queryset(self) -> Any:
        return incident_list_public().select_related("department")


class IncidentDetailView(APIView):
    """One public incident with its releases in order."""

    serializer_class = IncidentSerializer

    @extend_schema(responses=IncidentSerializer)
    def get(self, request: Request, pk: int) -> Response:
        incident = incident_list_public().select_related("department").filter(pk=pk)
        found = incident.first()
        if found is None:
            raise NotFoundError()
        return Response(incident_record(found))


class MonthCountSerializer(serializers.Serializer):  # type: ignore[type-arg]
    month = serializers.CharField()
    received = serializers.IntegerField()
    answered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    average_days = serializers.FloatField(allow_null=True)


class MessageStatsView(APIView):
    """Monthly counts of messages (staff): received, answered, on time, average days."""

    permission_classes = [IsStaff]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="年度")],
        responses=MonthCountSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("year", str(timezone.localdate().year))
        if not raw.isdecimal() or not 1990 <= int(raw) <= 2100:
            raise InvalidInputError("year 必须是年份数字，如 2026。", code="invalid")
        rows = message_month_counts(year=int(raw))
        return Response([MonthCountSerializer(r).data for r in rows])
