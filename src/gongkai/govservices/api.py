"""API v1: the service catalogue (/api/v1/services/, public; staff create drafts),
the power list on a date (/api/v1/powers/) and the diff of two dates
(/api/v1/powers/diff/?from=DATE&to=DATE). Publication of a guide goes through the
lifecycle API (/api/v1/publishing/govservices.serviceitem/<pk>/<action>/), where an
incomplete guide is refused with ``services.guide_incomplete``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import can_edit_content
from gongkai.common.api_renderers import LIST_RENDERERS
from gongkai.common.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)

from . import services
from .forms import CatalogueForm, DiffForm, ServiceForm
from .models import ServiceItem
from .rules import guide_problems
from .selectors import (
    CatalogueFilter,
    catalogue_facets,
    power_changes,
    power_list,
    services_public,
)


class MaterialSerializer(serializers.Serializer):
    name = serializers.CharField()
    originals = serializers.IntegerField()
    copies = serializers.IntegerField()
    necessity = serializers.CharField()


class ServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    implementation_code = serializers.CharField()
    item_type = serializers.CharField()
    department = serializers.CharField(source="department.name")
    theme = serializers.CharField()
    audience = serializers.CharField()
    online_level = serializers.CharField()
    visits = serializers.IntegerField(allow_null=True)
    statutory_limit = serializers.IntegerField(allow_null=True)
    statutory_unit = serializers.CharField()
    promised_limit = serializers.IntegerField(allow_null=True)
    promised_unit = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class ServiceDetailSerializer(ServiceSerializer):
    basic_code = serializers.CharField()
    legal_basis = serializers.CharField()
    implementing_body = serializers.CharField()
    accept_conditions = serializers.CharField()
    procedure = serializers.CharField()
    handling_type = serializers.CharField()
    handling_forms = serializers.ListField(
        child=serializers.CharField(), source="forms_list"
    )
    online_address = serializers.CharField()
    charged = serializers.BooleanField()
    fee_items = serializers.CharField()
    fee_basis = serializers.CharField()
    online_payment = serializers.CharField()
    place = serializers.CharField()
    hours = serializers.CharField()
    consult_phone = serializers.CharField()
    complaint_phone = serializers.CharField()
    materials = MaterialSerializer(many=True, source="materials.all")


class CreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    problems = serializers.ListField(child=serializers.DictField())


class ServiceListView(generics.ListAPIView):
    """Published guides (public; ?format=csv|xlsx|json). POST: a staff member
    creates a draft guide (its completeness is reported, checked at publication)."""

    serializer_class = ServiceSerializer
    renderer_classes = LIST_RENDERERS

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            return [IsStaff()]
        return super().get_permissions()

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="关键词"),
            OpenApiParameter("department", int, description="处室编号"),
            OpenApiParameter("theme", str, description="主题"),
            OpenApiParameter("audience", str, description="person 或 organisation"),
            OpenApiParameter("level", str, description="网上办理深度 1-4"),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        now = timezone.now()
        params = self.request.query_params
        form = CatalogueForm(params, facets=catalogue_facets(now=now))
        keys = ("q", "department", "theme", "audience", "level")
        if any(params.get(k) for k in keys) and not form.is_valid():
            raise InvalidInputError(
                "查询条件有误。", code="invalid", detail=form.errors.get_json_data()
            )
        d = form.cleaned_data if form.is_valid() else {}
        f = CatalogueFilter(
            q=(d.get("q") or "").strip(),
            department=d.get("department"),
            theme=d.get("theme") or "",
            audience=d.get("audience") or "",
            level=d.get("level") or "",
        )
        return services_public(f, now=now)

    @extend_schema(request=ServiceDetailSerializer, responses={201: CreatedSerializer})
    def post(self, request: Request) -> Response:
        user: Any = request.user
        if not can_edit_content(user, None):  # permission before the input is read
            raise PermissionDeniedError()
        form = ServiceForm(request.data)
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            raise InvalidInputError(
                first, code="invalid", detail=form.errors.get_json_data()
            )
        department = Department.objects.filter(
            pk=request.data.get("department") or user.department_id
        ).first()
        if department is None:
            raise InvalidInputError("请指定处室。", code="invalid")
        item = services.service_create(
            values=form.values(), department=department, by=user
        )
        problems = [
            {"field": p.element, "label": p.label, "message": p.message}
            for p in guide_problems(item.facts())
        ]
        body = {"id": item.pk, "status": item.status, "problems": problems}
        return Response(body, status=status.HTTP_201_CREATED)


class ServiceDetailView(APIView):
    """One published guide with its materials (public)."""

    @extend_schema(responses=ServiceDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        item = (
            ServiceItem.objects.visible()
            .select_related("department")
            .filter(pk=pk)
            .first()
        )
        if item is None:
            raise NotFoundError()
        return Response(ServiceDetailSerializer(item).data)


class PowerSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="snapshot.name")
    power_type = serializers.CharField(source="snapshot.power_type")
    legal_basis = serializers.CharField(source="snapshot.legal_basis")
    department = serializers.CharField(source="snapshot.department")
    responsibilities = serializers.CharField(source="snapshot.responsibilities")
    since = serializers.DateField()
    doc_number = serializers.CharField(source="adjustment.doc_number")


class PowerListResponse(serializers.Serializer):
    on = serializers.DateField()
    count = serializers.IntegerField()
    results = PowerSerializer(many=True)


def _date_param(
    request: Request, name: str, label: str, *, default: dt.date | None = None
) -> dt.date:
    raw = (request.query_params.get(name) or "").strip()
    if not raw:
        if default is not None:
            return default
        raise InvalidInputError(f"请提供{label}（{name}=YYYY-MM-DD）。", code="invalid")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInputError(
            f"{label}“{raw[:20]}”格式不正确，应如 2026-01-31。", code="invalid"
        ) from None


class PowerListView(APIView):
    """The power list as it was at the end of a day (default today; public)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("on", str, description="清单日期 YYYY-MM-DD，默认今天"),
            OpenApiParameter("type", str, description="权力类型代码，如 licensing"),
        ],
        responses=PowerListResponse,
    )
    def get(self, request: Request) -> Response:
        on = _date_param(request, "on", "清单日期", default=timezone.localdate())
        rows = power_list(on, power_type=request.query_params.get("type", ""))
        return Response(
            {
                "on": on.isoformat(),
                "count": len(rows),
                "results": PowerSerializer(rows, many=True).data,
            }
        )


class DiffRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    change = serializers.ChoiceField(
        choices=["added", "cancelled", "delegated", "changed"]
    )
    before = serializers.DictField(allow_null=True)
    after = serializers.DictField(allow_null=True)
    fields = serializers.ListField(child=serializers.CharField())
    adjustments = serializers.SerializerMethodField()

    def get_adjustments(self, row: Any) -> list[dict[str, str]]:
        return [
            {"kind": a.kind, "on": a.on.isoformat(), "doc_number": a.doc_number,
             "reason": a.reason, "delegated_to": a.delegated_to}
            for a in row.adjustments
        ]  # fmt: skip


class PowerDiffView(APIView):
    """What changed in the power list between the ends of two days (public)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "from", str, required=True, description="起始日期 YYYY-MM-DD"
            ),
            OpenApiParameter(
                "to", str, required=True, description="截止日期 YYYY-MM-DD"
            ),
        ],
        responses=inline_serializer(
            "PowerDiff",
            {
                "from": serializers.DateField(),
                "to": serializers.DateField(),
                "count": serializers.IntegerField(),
                "results": DiffRowSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        form = DiffForm(
            {
                "start": request.query_params.get("from", ""),
                "end": request.query_params.get("to", ""),
            }
        )
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            raise InvalidInputError(
                first, code="invalid", detail=form.errors.get_json_data()
            )
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        rows = power_changes(start, end)
        return Response(
            {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "count": len(rows),
                "results": DiffRowSerializer(rows, many=True).data,
            }
        )
