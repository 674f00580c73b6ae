"""API v1 of the lifecycle: one endpoint runs any action on any content type, the
same actions, checks and errors as the workbench (``publishing.actions``)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.accounts.types import Staff
from gongkai.common.errors import NotFoundError

from .actions import action_run, actions_available
from .registry import kind_of, staff_queryset


class ContentStateSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="内容类型，如 documents.document")
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    revision = serializers.IntegerField()
    publish_at = serializers.DateTimeField(allow_null=True)
    unpublish_at = serializers.DateTimeField(allow_null=True)
    actions = serializers.ListField(
        child=serializers.CharField(), help_text="当前用户现在可以进行的操作"
    )


class ActionInputSerializer(serializers.Serializer):
    """What the actions take; each action reads only its own fields."""

    reason = serializers.CharField(required=False, help_text="退回、撤回的原因")
    accept_warnings = serializers.BooleanField(
        required=False, help_text="审核通过：确认已核对敏感词提示"
    )
    publish_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="定时发布时间；留空立即发布"
    )
    unpublish_at = serializers.DateTimeField(required=False, allow_null=True)


def _state(obj: Any, by: Staff) -> dict[str, Any]:
    obj.refresh_from_db()
    return {
        "kind": obj._meta.label_lower,
        "id": obj.pk,
        "title": str(obj),
        "status": obj.status,
        "revision": obj.revision,
        "publish_at": obj.publish_at,
        "unpublish_at": obj.unpublish_at,
        "actions": [a.name for a in actions_available(obj, by=by)],
    }


def _item(request: Request, kind: str, pk: int) -> Any:
    content = kind_of(kind)
    if content is None:
        raise NotFoundError(code="publishing.unknown_kind")
    return get_object_or_404(staff_queryset(content, request.user), pk=pk)


class ContentStateView(APIView):
    """A content item's lifecycle state and the actions the caller may take (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(responses=ContentStateSerializer)
    def get(self, request: Request, kind: str, pk: int) -> Response:
        obj = _item(request, kind, pk)
        return Response(ContentStateSerializer(_state(obj, request.user)).data)


class ContentActionView(APIView):
    """Run a lifecycle action (submit, approve, reject, publish, withdraw, reopen,
    delete, and those a content type adds) on a content item (staff)."""

    permission_classes = [IsStaff]

    @extend_schema(
        request=ActionInputSerializer,
        responses={
            200: ContentStateSerializer,
            204: OpenApiResponse(description="草稿已删除"),
        },
    )
    def post(self, request: Request, kind: str, pk: int, action: str) -> Response:
        obj = _item(request, kind, pk)
        done, _result = action_run(
            obj=obj, name=action, by=request.user, data=request.data
        )
        if done.name == "delete":
            return Response(status=204)
        return Response(ContentStateSerializer(_state(obj, request.user)).data)
