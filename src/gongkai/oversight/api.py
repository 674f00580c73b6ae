"""API v1 of oversight (mounted at /api/v1/oversight/): check runs (the office runs
them; auditors read), the yearly assessment (the office: every department; staff:
their own), work plans with task status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.core.clocks import SHANGHAI

from . import selectors, services
from .models import CheckRun, WorkPlan
from .permissions import can_manage, can_view_oversight


class RunSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckRun
        fields = ["id", "ran_at", "on", "score", "verdict", "vetoed", "pages_crawled"]


class RunDetailSerializer(RunSerializer):
    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "indicators", "findings"]


class RunInput(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="检查时点 YYYY-MM-DD，默认今天"
    )
    links = serializers.BooleanField(required=False, default=False)

    def validate_on(self, value: dt.date) -> dt.date:
        if not dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31):
            raise serializers.ValidationError("检查时点应在 2000 年至 2100 年之间。")
        return value


def _office(request: Request) -> None:
    if not can_view_oversight(request.user):
        raise PermissionDeniedError("只有公开办、管理员和审计人员可以查看网站检查。")


class CheckListView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses=RunSerializer(many=True))
    def get(self, request: Request) -> Response:
        _office(request)
        runs = selectors.runs_recent(100)
        return Response(RunSerializer(runs, many=True).data)

    @extend_schema(request=RunInput, responses={201: RunDetailSerializer})
    def post(self, request: Request) -> Response:
        if not can_manage(request.user):
            raise PermissionDeniedError("只有公开办和管理员可以运行网站检查。")
        data = RunInput(data=request.data)
        data.is_valid(raise_exception=True)
        day = data.validated_data.get("on")
        on = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI) if day else None
        run = services.check_run(
            by=request.user, on=on, links=data.validated_data["links"]
        )
        return Response(RunDetailSerializer(run).data, status=201)


class CheckDetailView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses=RunDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        _office(request)
        return Response(RunDetailSerializer(get_object_or_404(CheckRun, pk=pk)).data)


class AssessmentView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True, description="年度")],
        responses={200: dict},
    )
    def get(self, request: Request) -> Response:
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            raise InvalidInputError(
                "year 应为四位年份。", code="oversight.year"
            ) from None
        if not 2000 <= year <= 2100:
            raise InvalidInputError("year 应为四位年份。", code="oversight.year")
        if can_view_oversight(request.user):
            dept = None
        else:
            dept = request.user.department_id
            if dept is None:
                raise PermissionDeniedError()
        start, end = selectors.year_bounds(year)
        rows = selectors.assessment(start=start, end=end, department_id=dept)
        return Response({"year": year, "departments": [_row(r) for r in rows]})


def _kind(k: selectors.KindRow) -> dict[str, Any]:
    return {
        "kind": k.kind,
        "label": k.label,
        "met": k.met,
        "overdue": k.overdue,
        "share_met": k.share_met,
        "mean_delay_days": k.mean_delay,
    }


def _row(r: selectors.DepartmentRow) -> dict[str, Any]:
    return {
        "department_id": r.department_id,
        "department": r.name,
        "clocks": _kind(r.clocks),
        "kinds": [_kind(k) for k in r.kinds],
        "activity": {
            g: [{"item": i, "count": n} for i, n in items]
            for g, items in r.activity.items()
        },
    }


def _plan(plan: WorkPlan, user: Any, *, tasks: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "year": plan.year,
        "title": plan.title,
        "doc_number": plan.doc_number,
        "report_due": plan.report_due,
    }
    if tasks:
        visible = set(selectors.units_visible_to(user).values_list("pk", flat=True))
        today = dt.datetime.now(SHANGHAI).date()
        out["tasks"] = [
            {
                "number": t.number,
                "title": t.title,
                "deadline": t.deadline,
                "guarantee": t.is_guarantee,
                "units": [
                    {
                        "name": u.name,
                        "lead": u.lead,
                        **(
                            {
                                "status": u.status,
                                "late": selectors.unit_is_late(u, t.deadline, today),
                            }
                            if u.pk in visible
                            else {}
                        ),
                    }
                    for u in t.units.all()
                ],
            }
            for t in selectors.plan_with_tasks(plan)
        ]
    return out


class PlanListView(APIView):  # /api/v1/plans/
    permission_classes = [IsStaff]

    @extend_schema(operation_id="plans_list", responses={200: dict})
    def get(self, request: Request) -> Response:
        return Response(
            [_plan(p, request.user, tasks=False) for p in WorkPlan.objects.all()]
        )


class PlanDetailView(APIView):
    """Tasks and units; a unit's status only for the office or its own department."""

    permission_classes = [IsStaff]

    @extend_schema(operation_id="plans_retrieve", responses={200: dict})
    def get(self, request: Request, year: int) -> Response:
        plan = get_object_or_404(WorkPlan, year=year)
        return Response(_plan(plan, request.user, tasks=True))
