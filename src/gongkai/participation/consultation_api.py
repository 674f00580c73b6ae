"""API v1 of consultations and open meetings (mounted at /api/v1/participation/).

Public, read-only lists and details; a public comment endpoint (rate-limited per
address like the page); staff create consultations here (the same service and the
same refusal of a period shorter than 30 days without a reason as the form). Their
lifecycle runs through the publishing API (``/api/v1/publishing/participation.
publicconsultation/<pk>/<action>/``, and ``…feedbackreport…``, ``…openmeeting…``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import CanWriteContent, IsStaff
from gongkai.accounts.models import Department
from gongkai.common.errors import GongkaiError, InvalidInputError, NotFoundError
from gongkai.common.limits import client_ip, limit_exceeded

from .models import OpenMeeting, PublicConsultation
from .selectors.consultations import (
    comments_public,
    consultation_get_public,
    consultation_list_public,
    feedback_public,
    meeting_get_public,
    meeting_list_public,
)
from .services.consultations import (
    ConsultationData,
    comment_submit,
    consultation_create,
)


class RateLimitedError(GongkaiError):
    code, status = "rate_limited", 429


class ConsultationSerializer(serializers.ModelSerializer):
    phase = serializers.SerializerMethodField()
    received = serializers.SerializerMethodField(help_text="收到意见（条）")
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    draft_file_url = serializers.SerializerMethodField()
    shortened = serializers.BooleanField(read_only=True)

    class Meta:
        model = PublicConsultation
        fields = [
            "id", "title", "explanation", "draft_document_id", "draft_url",
            "draft_file_url", "open_at", "close_at", "closed_at", "close_note",
            "shortened", "shortened_reason", "channels", "publish_comments",
            "hearing_at", "hearing_place", "hearing_materials_at",
            "final_document_url", "publish_at", "phase", "received", "url",
        ]  # fmt: skip

    def get_phase(self, obj: PublicConsultation) -> str:
        return obj.phase()

    def get_received(self, obj: PublicConsultation) -> int:
        received = getattr(obj, "received", None)
        return int(received if received is not None else obj.comments.count())

    def get_draft_file_url(self, obj: PublicConsultation) -> str:
        return obj.draft_file.url if obj.draft_file else ""


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    topic = serializers.CharField()
    text = serializers.CharField(source="masked_body")
    submitted_at = serializers.DateTimeField()


class FeedbackItemSerializer(serializers.Serializer):
    topic = serializers.CharField()
    opinion = serializers.CharField()
    count = serializers.IntegerField()
    outcome = serializers.CharField()
    reason = serializers.CharField()


class FeedbackSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    received_count = serializers.IntegerField()
    publish_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")
    items = FeedbackItemSerializer(many=True, source="items.all")


class ConsultationDetailSerializer(ConsultationSerializer):
    comments = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "comments", "feedback"]

    @extend_schema(responses=CommentSerializer(many=True))
    def get_comments(self, obj: PublicConsultation) -> list[dict[str, Any]]:
        return list(CommentSerializer(comments_public(obj), many=True).data)

    @extend_schema(responses=FeedbackSerializer(allow_null=True))
    def get_feedback(self, obj: PublicConsultation) -> dict[str, Any] | None:
        report = feedback_public(obj, now=timezone.now())
        return dict(FeedbackSerializer(report).data) if report else None


class ConsultationCreateSerializer(serializers.Serializer):
    department = serializers.IntegerField(help_text="处室编号")
    title = serializers.CharField(max_length=300)
    explanation = serializers.CharField()
    open_at = serializers.DateTimeField()
    close_at = serializers.DateTimeField()
    shortened_reason = serializers.CharField(max_length=500, required=False, default="")
    draft_document_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1
    )
    draft_url = serializers.CharField(max_length=500, required=False, default="")
    channels = serializers.CharField(required=False, default="")
    publish_comments = serializers.BooleanField(required=False, default=False)
    hearing_at = serializers.DateTimeField(required=False, allow_null=True)
    hearing_place = serializers.CharField(max_length=200, required=False, default="")
    hearing_materials_at = serializers.DateTimeField(required=False, allow_null=True)


class _WriteOnPost(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method != "POST":
            return True
        return IsStaff().has_permission(
            request, view
        ) and CanWriteContent().has_permission(request, view)


class ConsultationListView(generics.ListCreateAPIView):
    """Published consultations with comment counts (public; ?phase=open|closed).
    POST (staff): create a draft consultation."""

    serializer_class = ConsultationSerializer
    permission_classes = [_WriteOnPost]

    @extend_schema(parameters=[OpenApiParameter("phase", str, enum=["open", "closed"])])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        phase = self.request.query_params.get("phase", "")
        if phase not in ("", "open", "closed"):
            raise serializers.ValidationError({"phase": ["只能是 open 或 closed。"]})
        return consultation_list_public(now=timezone.now(), phase=phase)

    @extend_schema(
        request=ConsultationCreateSerializer, responses={201: ConsultationSerializer}
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = ConsultationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        department = Department.objects.filter(
            pk=values.pop("department"), is_active=True
        ).first()
        if department is None:
            raise InvalidInputError("处室不存在。", detail=[{"field": "department",
                                                      "message": "处室不存在。"}])  # fmt: skip
        consultation = consultation_create(
            data=ConsultationData(**values), department=department, by=request.user
        )
        return Response(
            ConsultationSerializer(consultation).data, status=status.HTTP_201_CREATED
        )


class ConsultationDetailView(APIView):
    """One published consultation, its public comments and its feedback report."""

    @extend_schema(responses=ConsultationDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        consultation = consultation_get_public(pk=pk, now=timezone.now())
        if consultation is None:
            raise NotFoundError()
        return Response(ConsultationDetailSerializer(consultation).data)


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    name = serializers.CharField(max_length=60, required=False, default="")
    topic = serializers.CharField(max_length=100, required=False, default="")
    contact = serializers.CharField(max_length=100, required=False, default="")


class CommentCreateView(APIView):
    """Submit a comment on an open consultation (public; rate-limited per address).
    It is shown only after moderation, with personal data masked."""

    permission_classes = [AllowAny]

    @extend_schema(request=CommentInputSerializer, responses={201: CommentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        consultation = consultation_get_public(pk=pk, now=timezone.now())
        if consultation is None:
            raise NotFoundError()
        limit = int(getattr(settings, "GONGKAI_CONSULTATION_COMMENTS_PER_HOUR", 10))
        if limit_exceeded(
            bucket="consultation:comment",
            ident=client_ip(request._request),
            limit=limit,
            window=3600,
        ):
            raise RateLimitedError("提交次数过多，请一小时后再试。")
        body = CommentInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = comment_submit(consultation=consultation, **body.validated_data)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = OpenMeeting
        fields = [
            "id", "title", "held_at", "place", "agenda", "participants",
            "livestream_url", "recording_url", "outcome", "publish_at", "url",
        ]  # fmt: skip


class MeetingListView(generics.ListAPIView):
    """Published open meetings, latest first (public)."""

    serializer_class = MeetingSerializer

    def get_queryset(self) -> Any:
        return meeting_list_public(now=timezone.now())


class MeetingDetailView(APIView):
    """One published open meeting (public)."""

    @extend_schema(responses=MeetingSerializer)
    def get(self, request: Request, pk: int) -> Response:
        meeting = meeting_get_public(pk=pk, now=timezone.now())
        if meeting is None:
            raise NotFoundError()
        return Response(MeetingSerializer(meeting).data)
