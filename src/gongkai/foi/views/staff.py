"""Workbench pages: list, registration, the case page and its steps, letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.models import Department
from gongkai.clocks.models import CachedState
from gongkai.common.errors import GongkaiError, NotFoundError, PermissionDeniedError

from .. import forms, rules, services
from ..choices import Status
from ..codes import NOTICE_CLOCK
from ..letter_files import letter_docx, letter_pdf
from ..models import Appeal, Consultation, FoiRequest
from ..permissions import (
    can_approve_extension,
    can_approve_reply,
    can_assign_request,
    can_register_request,
    can_view_applicant,
)
from ..selectors import (
    correction_notice_due,
    often_requested,
    request_clocks,
    requests_visible_to,
    requests_with_reply_due,
)
from ..services.proactive import proactive_propose

Step = tuple[type[django_forms.Form], Callable[..., Any], str]


def _answer(*, request: FoiRequest, consultation: int, **kw: Any) -> Any:
    found = Consultation.objects.filter(request=request, pk=consultation).first()
    if found is None:
        raise NotFoundError()
    return services.consultation_answer(consultation=found, **kw)


def _appeal(*, request: FoiRequest, appeal: int, **kw: Any) -> Any:
    found = Appeal.objects.filter(request=request, pk=appeal).first()
    if found is None:
        raise NotFoundError()
    return services.appeal_update(appeal=found, **kw)


STEPS: dict[str, Step] = {
    "confirm_receipt": (forms.ConfirmForm, services.request_confirm_receipt, _("已确认收到申请，答复期限开始计算。")),
    "assign": (forms.AssignForm, services.request_assign, _("已分配承办处室。")),
    "request_correction": (forms.CorrectionForm, services.correction_request, _("已发出补正告知。")),
    "waive_correction": (django_forms.Form, services.correction_waive, _("已确认申请内容明确，无需补正。")),
    "receive_correction": (forms.CorrectionReceivedForm, services.correction_receive, _("已记录补正，答复期限重新计算。")),
    "lapse_correction": (django_forms.Form, services.correction_lapse, _("已按逾期不补正终止办理。")),
    "consult": (forms.ConsultForm, services.consultation_send, _("已发出征求意见。")),
    "consultation_answer": (forms.AnswerForm, _answer, _("已记录征求意见答复。")),
    "decide_disclosure": (forms.DiscloseForm, services.third_party_disclosure_decide, _("已记录公开决定，请书面告知第三方。")),
    "notify_third_party": (forms.NotifyThirdPartyForm, services.third_party_notice_issue, _("已出具决定公开告知书。")),
    "request_extension": (forms.ExtensionForm, services.extension_request, _("已提交延期申请，待公开办负责人批准。")),
    "approve_extension": (django_forms.Form, services.extension_approve, _("已批准延期并告知申请人。")),
    "ask_reasons": (forms.ReasonsForm, services.reasons_request, _("已要求申请人说明理由。")),
    "delay_reply": (forms.DelayForm, services.reply_delay, _("已确定延迟答复期限并告知申请人。")),
    "notify_fee": (forms.FeeForm, services.fee_notify, _("已发出收费通知。")),
    "receive_fee": (forms.PaidForm, services.fee_receive, _("已记录缴费。")),
    "lapse_fee": (django_forms.Form, services.fee_lapse, _("已按逾期未缴费终止办理。")),
    "reply": (forms.ReplyForm, services.request_reply, _("已答复。")),
    "draft_reply": (forms.ReplyForm, services.reply_draft, _("已提交答复草稿，待公开办审核。")),
    "approve_reply": (django_forms.Form, services.reply_approve, _("已批准答复草稿，答复已发出。")),
    "return_reply": (forms.ReturnReplyForm, services.reply_return, _("已退回答复草稿。")),
    "withdraw": (django_forms.Form, services.request_withdraw, _("已记录撤回申请。")),
    "record_delivery": (forms.DeliveryForm, services.delivery_record, _("已记录送达。")),
    "update_appeal": (forms.AppealUpdateForm, _appeal, _("已更新复议或诉讼结果。")),
    "record_appeal": (forms.AppealForm, services.appeal_record, _("已记录行政复议或行政诉讼。")),
}  # fmt: skip


STEP_LABELS = {
    "confirm_receipt": _("确认收到申请（条例第三十一条）"),
    "assign": _("分配承办处室"),
    "request_correction": _("告知补正（条例第三十条）"),
    "waive_correction": _("申请内容明确，无需补正（条例第三十条）"),
    "receive_correction": _("收到补正"),
    "lapse_correction": _("逾期不补正，终止办理"),
    "consult": _("征求意见（条例第三十二条、第三十四条）"),
    "request_extension": _("申请延长答复期限（条例第三十三条）"),
    "approve_extension": _("批准延期（公开办负责人）"),
    "ask_reasons": _("要求申请人说明理由（条例第三十五条）"),
    "delay_reply": _(
        "延迟答复：理由合理但不能按期答复（条例第三十五条，公开办负责人）"
    ),
    "notify_fee": _("发出收费通知（国办函〔2020〕109号）"),
    "receive_fee": _("收到信息处理费"),
    "lapse_fee": _("逾期未缴费，终止办理"),
    "reply": _("答复（条例第三十六条至第三十九条）"),
    "draft_reply": _("提交答复草稿（公开办审核后发出）"),
    "approve_reply": _("批准答复并发出（公开办）"),
    "return_reply": _("退回答复草稿"),
    "withdraw": _("申请人撤回申请"),
    "record_delivery": _("送达记录"),
    "record_appeal": _("行政复议、行政诉讼"),
}


@staff_required
def request_list(request: HttpRequest) -> HttpResponse:
    visible = requests_visible_to(request.user)
    qs = requests_with_reply_due(visible).order_by("-submitted_at", "-id")
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    departments = Department.objects.filter(
        pk__in=visible.exclude(department=None).values("department")
    ).order_by("name")
    department = request.GET.get("department", "")
    if department.isdecimal() and len(department) <= 18:  # an id, not past 64 bits
        qs = qs.filter(department_id=int(department))
    now = timezone.now()
    due = request.GET.get("due", "")
    if due == "overdue":  # answer clock running past its last day
        qs = qs.filter(reply_due__lt=now).exclude(reply_state=CachedState.STOPPED)
    elif due == "week":  # due within 7 days
        qs = qs.filter(
            reply_due__gte=now, reply_due__lt=now + dt.timedelta(days=7)
        ).exclude(reply_state=CachedState.STOPPED)
    q = request.GET.get("q", "").strip()[:100]
    if q:  # tracking number or words of the description
        qs = qs.filter(Q(tracking_number__icontains=q) | Q(description__contains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = {"status": status, "department": department, "due": due, "q": q}
    context = {
        "page": page,
        "statuses": Status.choices,
        "status": status,
        "departments": departments,
        "department": department,
        "due": due,
        "q": q,
        "params": urlencode({k: v for k, v in params.items() if v}),
        "now": now,
        "can_register": can_register_request(request.user),
    }
    return render(request, "foi/staff_list.html", context)


@staff_required
def request_register(request: HttpRequest) -> HttpResponse:
    if not can_register_request(request.user):
        raise PermissionDeniedError()
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created, code = services.request_register(
                application=form.application(),
                channel=data["channel"],
                received_at=data["received_at"],
                department=data["department"],
                by=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(
                request,
                _("已登记，申请编号 %(n)s，查询码 %(code)s（请告知申请人）。")
                % {"n": created.tracking_number, "code": code},
            )
            return redirect("foi-staff:detail", pk=created.pk)
    return render(request, "foi/staff_register.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> FoiRequest:
    return get_object_or_404(requests_visible_to(request.user), pk=pk)


@staff_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    foi_request = _visible(request, pk)
    show_applicant = can_view_applicant(request.user, foi_request)
    if show_applicant:
        services.applicant_data_viewed(request=foi_request, by=request.user)
    now = timezone.now()
    local = timezone.localtime(now).replace(second=0, microsecond=0, tzinfo=None)
    clocks = request_clocks(foi_request, now=now)
    notice = [
        s
        for c, s in clocks
        if c.rule_key == NOTICE_CLOCK and c.state != CachedState.STOPPED
    ]
    # four-eyes: a department drafts, the office approves or returns the draft
    draft = foi_request.reply_draft or {}
    offered = rules.steps_offered(
        foi_request.status,
        may_assign=can_assign_request(request.user),
        may_approve_extension=can_approve_extension(request.user),
        extension_asked=bool(foi_request.extension_days),
        extension_settled=bool(foi_request.extension_approved_by_id),
        notice_running=bool(notice),
        reply_needs_approval=services.reply_needs_approval(request.user, now=now),
        may_approve_reply=can_approve_reply(request.user),
        draft_pending=bool(draft) and not draft.get("returned_note"),
    )
    step_forms = {
        step: form_class(initial={"at": local}, prefix=step)
        for step, (form_class, _s, _m) in STEPS.items()
        if step in offered and step in STEP_LABELS
    }
    if draft and "draft_reply" in step_forms:  # a returned draft, to revise
        step_forms["draft_reply"] = forms.ReplyForm(initial=draft, prefix="draft_reply")
    context = {
        "req": foi_request,
        "reply_files": foi_request.reply_files.select_related("reviewed_by"),
        "reply_file_form": forms.ReplyFileForm(),
        "draft": draft,
        "draft_outcome": rules.OUTCOME_BY_CODE[draft["outcome"]].label if draft else "",
        "show_applicant": show_applicant,
        "clocks": clocks,
        # 条例 第三十条: shown while the correction-notice clock runs (computed for a
        # case received before that clock existed)
        "notice_due": notice[0].due_date
        if notice
        else correction_notice_due(foi_request, now=now)
        if foi_request.status == Status.IN_PROGRESS
        and not foi_request.correction_request
        and not any(c.rule_key == NOTICE_CLOCK for c, _s in clocks)
        else None,
        "consultations": foi_request.consultations.all(),
        "letters": foi_request.letters.all(),
        "appeals": foi_request.appeals.all(),
        "attachments": foi_request.attachments.all(),
        "steps": [(s, STEP_LABELS[s], f) for s, f in step_forms.items()],
        "appeal_forms": [
            (
                a,
                forms.AppealUpdateForm(
                    initial={"appeal": a.pk, "result": a.result},
                    prefix="update_appeal",
                    auto_id=f"id_a{a.pk}_%s",
                ),
            )
            for a in foi_request.appeals.all()
            if a.result == "pending"
        ]
        if rules.step_allowed("update_appeal", foi_request.status)
        else [],
        "answer_forms": [
            (
                c,
                forms.AnswerForm(
                    initial={"consultation": c.pk, "at": local},
                    prefix="consultation_answer",
                    auto_id=f"id_c{c.pk}_%s",
                ),
            )
            for c in foi_request.consultations.all()
            if c.answered_at is None
        ],
        # 条例 第三十二条: an objecting third party, overridden for the public
        # interest, is told in writing before the disclosure
        "disclose_forms": [
            (
                c,
                forms.DiscloseForm(
                    initial={"consultation": c.pk},
                    prefix="decide_disclosure",
                    auto_id=f"id_d{c.pk}_%s",
                ),
                forms.NotifyThirdPartyForm(
                    initial={"consultation": c.pk}, prefix="notify_third_party"
                ),
            )
            for c in foi_request.consultations.all()
            if c.kind == "third_party" and c.answered_at and not c.notified_at
        ]
        if rules.step_allowed("decide_disclosure", foi_request.status)
        else [],
    }
    return render(request, "foi/staff_detail.html", context)


@staff_required
@require_POST
def request_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    foi_request = _visible(request, pk)
    if step not in STEPS:
        raise NotFoundError()
    form_class, service, done = STEPS[step]
    form = form_class(request.POST, prefix=step)
    if not form.is_valid():
        errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, _("提交的内容不完整：%(e)s") % {"e": errors})
        return redirect("foi-staff:detail", pk=pk)
    data: dict[str, Any] = dict(form.cleaned_data)
    try:
        service(request=foi_request, by=request.user, **data)
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done)
    return redirect("foi-staff:detail", pk=pk)


@staff_required
def letter_download(
    request: HttpRequest, pk: int, number: str, fmt: str = "docx"
) -> HttpResponse:
    foi_request = _visible(request, pk)
    letter = get_object_or_404(foi_request.letters, number=number)
    content = letter_pdf(letter) if fmt == "pdf" else letter_docx(letter)
    return FileResponse(content, as_attachment=True, filename=f"{letter.number}.{fmt}")


@staff_required
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    """An applicant's attachment: assigned staff and the office only, audited."""
    foi_request = _visible(request, pk)
    if not can_view_applicant(request.user, foi_request):
        raise PermissionDeniedError()
    found = get_object_or_404(foi_request.attachments, pk=attachment)
    services.attachment_viewed(attachment=found, by=request.user)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@staff_required
def often(request: HttpRequest) -> HttpResponse:
    """Groups of similar requests in the last year: candidates for proactive disclosure."""
    if request.method == "POST":
        ids = [
            int(x)
            for x in request.POST.getlist("request")
            if x.isdecimal() and len(x) <= 18
        ]
        chosen = list(requests_visible_to(request.user).filter(pk__in=ids))
        try:
            document = proactive_propose(
                requests=chosen,
                title=request.POST.get("title", ""),
                keywords=request.POST.get("keywords", "").split(),
                by=request.user,
            )
        except GongkaiError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("已创建目录草稿（索引号 %(n)s），请在“政策文件”中完善后提交审核。")
                % {"n": document.index_number},
            )
        return redirect("foi-staff:often")
    since = timezone.now() - dt.timedelta(days=365)
    groups = often_requested(request.user, since=since)
    return render(request, "foi/staff_often.html", {"groups": groups})
