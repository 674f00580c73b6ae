"""API v1 of inspections: public lists (CSV/XLSX/JSON), draw records, the
enterprise check; staff lists of the registries."""

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
from gongkai.common.errors import InvalidInputError, NotFoundError
from gongkai.core.ids import IdentifierError, canonical_uscc

from .models import (
    Draw,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Inspector,
    Target,
    Task,
)
from .protocol import is_output_public, public_bundle
from .rules import public_name
from .selectors import (
    enterprise_check,
    item_list_public,
    plan_list_public,
    results_public,
    task_get_public,
    task_list_public,
)


class ItemSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="get_kind_display")
    department = serializers.StringRelatedField()

    class Meta:
        model = InspectionItem
        fields = [
            "code",
            "name",
            "sub_item",
            "legal_basis",
            "inspecting_body",
            "target_type",
            "method",
            "ratio",
            "frequency",
            "inspector_requirements",
            "kind",
            "note",
            "department",
            "revision",
            "publish_at",
        ]


class ItemListView(generics.ListAPIView):
    """The published 随机抽查事项清单 (public)."""

    serializer_class = ItemSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return item_list_public(now=timezone.now())


class PlanSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = InspectionPlan
        fields = [
            "year",
            "title",
            "body",
            "department",
            "publish_at",
            "revision",
            "url",
        ]


class PlanListView(generics.ListAPIView):
    """Published annual plans (public)."""

    serializer_class = PlanSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return plan_list_public(now=timezone.now()).select_related("department")


class TaskSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Task
        fields = [
            "code",
            "title",
            "department",
            "target_count",
            "mode",
            "hash_alg",
            "beacon_type",
            "url",
        ]


class TaskListView(generics.ListAPIView):
    """Announced tasks (public)."""

    serializer_class = TaskSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return task_list_public()


class DrawBundleSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.CharField()
    bundle = serializers.JSONField(
        help_text="public verification bundle (DRAW.md §12.1)"
    )


class TaskDetailSerializer(TaskSerializer):
    draws = DrawBundleSerializer(many=True)

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "draws"]


class TaskDetailView(APIView):
    """A task with the public bundle of each committed draw (public)."""

    @extend_schema(responses=TaskDetailSerializer)
    def get(self, request: Request, code: str) -> Response:
        task = task_get_public(code)
        if task is None:
            raise NotFoundError()
        draws = (
            Draw.objects.filter(task=task)
            .defer("snapshot")
            .exclude(commit_hash="")
            .select_related("task")
            .order_by("number")
        )
        data = dict(TaskSerializer(task).data)
        data["draws"] = [
            {
                "number": d.number,
                "kind": d.kind,
                "state": d.state,
                "bundle": public_bundle(d),
            }
            for d in draws
        ]
        return Response(data)


class ResultSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    result = serializers.CharField(
        help_text="no_problem / corrected / not_found / referred / other"
    )
    task = serializers.CharField(source="draw.task.code")
    result_label = serializers.CharField(source="get_result_display")

    class Meta:
        model = Inspection
        fields = [
            "uscc",
            "name",
            "task",
            "result",
            "result_label",
            "result_note",
            "checked_on",
            "published_at",
        ]

    def get_name(self, obj: Inspection) -> str:
        return public_name(obj.uscc, obj.name)


class ResultListView(generics.ListAPIView):
    """Published results (public)."""

    serializer_class = ResultSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        return results_public()


class SelectedSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    state = serializers.CharField(help_text="assigned / unstaffed / replaced / done")
    state_label = serializers.CharField(source="get_state_display")

    class Meta:
        model = Inspection
        fields = [
            "uscc",
            "name",
            "stratum",
            "rank",
            "ticket",
            "team",
            "state",
            "state_label",
            "replace_reason",
        ]

    def get_name(self, obj: Inspection) -> str:
        return public_name(obj.uscc, obj.name)


class SelectedListView(generics.ListAPIView):
    """The selected targets of a draw, once its output is public (§12.1)."""

    serializer_class = SelectedSerializer
    renderer_classes = LIST_RENDERERS

    def get_queryset(self) -> Any:
        task = task_get_public(self.kwargs["code"])
        d = (
            Draw.objects.filter(task=task, number=self.kwargs["number"])
            .only("id", "params", "published_at", "output")
            .first()
            if task
            else None
        )
        if d is None or not is_output_public(d):
            raise NotFoundError()
        return d.inspections.order_by("stratum", "rank", "id")


class CheckDrawSerializer(serializers.Serializer):
    task = serializers.CharField()
    draw = serializers.IntegerField()
    listed = serializers.BooleanField(
        help_text="false: the enterprise was not in the draw's frozen registry, so it "
        "was not a target of the task (no ticket)"
    )
    ticket = serializers.CharField(required=False)
    selected = serializers.BooleanField()
    row = serializers.JSONField(required=False)
    threshold = serializers.CharField(required=False)
    proof = serializers.JSONField(required=False, help_text="RFC 9162 inclusion proof")
    reserve = serializers.JSONField(allow_null=True, required=False)


class CheckSerializer(serializers.Serializer):
    uscc = serializers.CharField()
    draws = CheckDrawSerializer(many=True)


class CheckView(APIView):
    """“Was I drawn?”: ticket, selection, threshold and proof per public draw."""

    @extend_schema(
        parameters=[OpenApiParameter("uscc", str, required=True)],
        responses=CheckSerializer,
    )
    def get(self, request: Request) -> Response:
        try:
            uscc = canonical_uscc(request.query_params.get("uscc", ""))
        except IdentifierError as exc:
            raise InvalidInputError(exc.message, code="inspections.uscc") from exc
        out = []
        for e in enterprise_check(uscc=uscc):
            d = e.pop("draw")
            out.append({"task": d.task.code, "draw": d.number, **e})
        return Response({"uscc": uscc, "draws": out})


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = [
            "uscc",
            "name",
            "region",
            "industry",
            "risk",
            "status",
            "last_inspected",
        ]


class TargetListView(generics.ListAPIView):
    """The target registry (staff)."""

    permission_classes = [IsStaff]
    serializer_class = TargetSerializer
    renderer_classes = LIST_RENDERERS
    queryset = Target.objects.order_by("uscc")


class InspectorSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField()

    class Meta:
        model = Inspector
        fields = ["code", "name", "department", "home_region", "quals", "available"]


class InspectorListView(generics.ListAPIView):
    """The inspector registry (staff)."""

    permission_classes = [IsStaff]
    serializer_class = InspectorSerializer
    renderer_classes = LIST_RENDERERS
    queryset = Inspector.objects.select_related("department").order_by("code")
