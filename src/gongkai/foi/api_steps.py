"""Staff handling steps of information requests in the API (/api/v1/foi/requests/…).

Each step is one POST over the same service as the workbench step, so permissions
(assigned department's staff, or the office), clock events, letters and audit rows are
the same. Shape errors are ``invalid``; business errors keep their service codes. A
request the caller may not see is 404 (its existence is not told).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gongkai.accounts.api_permissions import IsStaff
from gongkai.accounts.models import Department
from gongkai.common.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)

from . import services
from .choices import Channel, ConsultationKind, FeeMethod
from .models import Consultation, FoiRequest
from .permissions import (
    can_approve_extension,
    can_approve_reply,
    can_assign_request,
    can_handle_request,
    can_register_request,
)
from .rules import REPLY_OUTCOMES
from .selectors import reply_due, requests_visible_to


class StaffRequestSerializer(serializers.Serializer):
    """A request after a step: its state, reply due date and letters (no personal data)."""

    id = serializers.IntegerField()
    tracking_number = serializers.CharField()
    status = serializers.CharField()
    department = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    reply_due_date = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    letters = serializers.ListField(child=serializers.CharField())
    reply_draft = serializers.ChoiceField(
        choices=["", "pending", "returned"],
        help_text="答复草稿：pending 待公开办审核，returned 已退回，空为没有草稿",
    )


class RegisteredSerializer(StaffRequestSerializer):
    query_code = serializers.CharField(help_text="只显示这一次，请告知申请人。")


def _draft_state(draft: dict[str, Any]) -> str:
    if not draft:
        return ""
    return "returned" if draft.get("returned_note") else "pending"


def _out(request: FoiRequest, **extra: Any) -> dict[str, Any]:
    request.refresh_from_db()
    due = reply_due(request)
    return {
        "id": request.pk,
        "tracking_number": request.tracking_number,
        "status": request.status,
        "department": str(request.department) if request.department else None,
        "received_at": request.received_at,
        "reply_due_date": due.due_date if due and request.closed_at is None else None,
        "outcome": request.outcome,
        "closed_at": request.closed_at,
        "letters": [letter.number for letter in request.letters.all()],
        "reply_draft": _draft_state(request.reply_draft),
        **extra,
    }


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise InvalidInputError(detail=serializer.errors, code="invalid")
    return dict(serializer.validated_data)


# -- input of each step -----------------------------------------------------------
class RegisterIn(serializers.Serializer):
    applicant_type = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=200)
    id_type = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    id_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )
    uscc = serializers.CharField(
        max_length=24, required=False, allow_blank=True, default=""
    )
    contact_person = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(
        max_length=10, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(max_length=5000)
    doc_number = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    form = serializers.CharField(max_length=20)
    delivery = serializers.CharField(max_length=20)
    channel = serializers.ChoiceField(
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_at = serializers.DateTimeField(help_text="条例第三十一条：收到申请之日")
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )


class AtIn(serializers.Serializer):
    at = serializers.DateTimeField()


class AssignIn(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True)
    )


class CorrectionIn(serializers.Serializer):
    text = serializers.CharField(max_length=2000, help_text="一次性告知需要补正的事项")


class CorrectionReceivedIn(serializers.Serializer):
    at = serializers.DateTimeField()
    text = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class ConsultIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsultationKind.choices)
    party = serializers.CharField(max_length=200)
    question = serializers.CharField(max_length=2000)


class AnswerIn(serializers.Serializer):
    at = serializers.DateTimeField()
    answer = serializers.CharField(max_length=2000, allow_blank=True)


class DiscloseIn(serializers.Serializer):
    content = serializers.CharField(max_length=2000)
    reason = serializers.CharField(max_length=2000)


class ExtensionIn(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=20)
    reason = serializers.CharField(max_length=300)


class ReasonsIn(serializers.Serializer):
    question = serializers.CharField(max_length=1000)


class DelayIn(serializers.Serializer):
    until = serializers.DateField(help_text="告知申请人的答复日期（条例第三十五条）")
    reasons = serializers.CharField(max_length=1000)


class FeeIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=FeeMethod.choices)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)


class ReplyIn(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[(o.code, o.label) for o in REPLY_OUTCOMES]
    )
    reply_text = serializers.CharField(max_length=20000, allow_blank=True)
    reasons = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    referral = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class ReturnIn(serializers.Serializer):
    note = serializers.CharField(max_length=500, help_text="退回意见")


class DeliveryIn(serializers.Serializer):
    at = serializers.DateTimeField()
    note = serializers.CharField(max_length=300)


# -- views ------------------------------------------------------------------------
# Permission comes before the body is read: an unauthorised write is a 403 whatever
# it holds (the services check again).
class HandlesRequests(BasePermission):
    """Staff, the office and administrators handle requests; auditors do not."""

    message = "您没有进行此操作的权限。"

    def has_permission(self, request: Any, view: Any) -> bool:
        return can_register_request(request.user)


class RequestRegisterView(APIView):
    """Register an application received in person, by post or by fax (条例 第三十一条)."""

    permission_classes = [IsStaff, HandlesRequests]

    @extend_schema(
        operation_id="foi_request_register",
        request=RegisterIn,
        responses={201: RegisteredSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _valid(RegisterIn, request.data)
        channel, received_at = data.pop("channel"), data.pop("received_at")
        department = data.pop("department")
        created, code = services.request_register(
            application=services.Application(**data),
            channel=channel,
            received_at=received_at,
            department=department,
            by=request.user,
        )
        return Response(_out(created, query_code=code), status=status.HTTP_201_CREATED)


def _answer(*, request: FoiRequest, consultation: int, **kw: Any) -> Any:
    found = Consultation.objects.filter(request=request, pk=consultation).first()
    if found is None:
        raise NotFoundError()
    return services.consultation_answer(consultation=found, **kw)


class _StepView(APIView):
    permission_classes = [IsStaff, HandlesRequests]
    input: type[serializers.Serializer] | None = None
    service: Callable[..., Any]
    allowed: Callable[[Any, FoiRequest], bool]

    def _run(self, request: Request, pk: int, **extra: Any) -> Response:
        found = get_object_or_404(requests_visible_to(request.user), pk=pk)
        if not type(self).allowed(request.user, found):
            raise PermissionDeniedError()
        data = _valid(self.input, request.data) if self.input else {}
        type(self).service(request=found, by=request.user, **data, **extra)
        return Response(_out(found))


def _step(
    name: str,
    service: Callable[..., Any],
    input_: type[serializers.Serializer] | None,
    doc: str,
    *,
    nested: bool = False,
    allowed: Callable[[Any, FoiRequest], bool] = can_handle_request,
) -> type[APIView]:
    """A POST view for one step; ``nested``: the path also names a consultation;
    ``allowed(user, request)``: who may take it (the service's own check)."""
    schema = extend_schema(
        operation_id=f"foi_request_{name}",
        summary=doc,
        request=input_,
        responses={200: StaffRequestSerializer},
    )

    def post_nested(self: _StepView, request: Request, pk: int, cid: int) -> Response:
        return self._run(request, pk, consultation=cid)

    def post(self: _StepView, request: Request, pk: int) -> Response:
        return self._run(request, pk)

    attrs = {
        "__doc__": doc,
        "input": input_,
        "service": staticmethod(service),
        "allowed": staticmethod(allowed),
        "post": schema(post_nested if nested else post),
    }
    title = "".join(part.title() for part in name.split("_"))
    return type(f"Request{title}View", (_StepView,), attrs)


def _office(predicate: Callable[[Any], bool]) -> Callable[[Any, FoiRequest], bool]:
    return lambda user, _request: predicate(user)


S = services
STEPS: dict[str, type[APIView]] = {
    "confirm-receipt": _step("confirm_receipt", S.request_confirm_receipt, AtIn,
                             "确认收到申请之日（条例第三十一条），答复期限开始计算"),
    "assign": _step("assign", S.request_assign, AssignIn, "分配承办处室（公开办）",
                    allowed=_office(can_assign_request)),
    "correction-notice": _step("correction_notice", S.correction_request,
                               CorrectionIn, "一次性告知补正（条例第三十条）"),
    "correction-waived": _step("correction_waived", S.correction_waive, None,
                               "申请内容明确，无需补正（条例第三十条）"),
    "correction-received": _step("correction_received", S.correction_receive,
                                 CorrectionReceivedIn, "收到补正，答复期限重新计算"),
    "consultations": _step("consultation_send", S.consultation_send, ConsultIn,
                           "征求第三方或其他机关意见（条例第三十二条、第三十四条）"),
    "extension": _step("extension_request", S.extension_request, ExtensionIn,
                       "申请延长答复期限（条例第三十三条第二款）"),
    "extension/approve": _step("extension_approve", S.extension_approve, None,
                               "批准延期并告知申请人（公开办负责人）",
                               allowed=_office(can_approve_extension)),
    "reasons": _step("reasons_request", S.reasons_request, ReasonsIn,
                     "要求申请人说明理由（条例第三十五条）"),
    "delay": _step("reply_delay", S.reply_delay, DelayIn,
                   "延迟答复并告知申请人（条例第三十五条，公开办负责人）",
                   allowed=_office(can_approve_extension)),
    "fee-notice": _step("fee_notice", S.fee_notify, FeeIn,
                        "发出信息处理费收费通知（国办函〔2020〕109号）"),
    "fee-paid": _step("fee_paid", S.fee_receive, AtIn, "记录缴纳信息处理费"),
    "reply": _step("reply", S.request_reply, ReplyIn,
                   "答复（条例第三十六条至第三十九条），附救济途径；"
                   "须经公开办审核时处室改用 reply/draft"),
    "reply/draft": _step("reply_draft", S.reply_draft, ReplyIn,
                         "提交答复草稿，公开办审核后发出（foi.reply.four_eyes）"),
    "reply/approve": _step("reply_approve", S.reply_approve, None,
                           "批准答复草稿并发出（公开办）",
                           allowed=_office(can_approve_reply)),
    "reply/return": _step("reply_return", S.reply_return, ReturnIn,
                          "退回答复草稿并说明意见（公开办）",
                          allowed=_office(can_approve_reply)),
    "delivery": _step("delivery", S.delivery_record, DeliveryIn, "记录送达"),
}  # fmt: skip
DISCLOSE_OVER_OBJECTION = _step(
    "decide_disclosure",
    S.third_party_disclosure_decide,
    DiscloseIn,
    "第三方不同意公开，为公共利益决定公开（条例第三十二条），开始书面告知期限",
    nested=True,
)
THIRD_PARTY_NOTICE = _step(
    "notify_third_party",
    S.third_party_notice_issue,
    None,
    "出具决定公开告知书，书面告知第三方（条例第三十二条）",
    nested=True,
)
CONSULTATION_ANSWER = _step(
    "consultation_answer",
    _answer,
    AnswerIn,
    "记录征求意见的答复（或期满未答复）",
    nested=True,
)
