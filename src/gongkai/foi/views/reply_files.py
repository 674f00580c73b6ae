"""Documents disclosed with a reply: staff upload, redact and review them; the
applicant downloads the releasable version from the tracking page."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.common.errors import GongkaiError, NotFoundError

from .. import forms
from ..choices import Status
from ..models import ReplyFile
from ..selectors import requests_visible_to
from ..services import reply_files as svc
from .public import _case

ACTIONS = {
    "redact": (svc.reply_file_redact, _("已生成脱敏文件（原件保留）：%(name)s")),
    "review": (svc.reply_file_review, _("已记录人工检查：%(name)s")),
}


@staff_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    foi_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
    form = forms.ReplyFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("foi-staff:detail", pk=pk)
    upload_file = form.cleaned_data["file"]
    try:
        added = svc.reply_file_add(
            request=foi_request, name=upload_file.name, data=upload_file.read(),
            by=request.user,
        )  # fmt: skip
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        note = (
            _("发现个人信息 %(n)d 处，须脱敏后才能随答复发出。")
            % {"n": len(added.hits)}
            if added.hits
            else _("未发现个人信息。")
        )
        messages.success(request, _("已上传：%(name)s。") % {"name": added.name} + note)
    return redirect("foi-staff:detail", pk=pk)


@staff_required
@require_POST
def act(request: HttpRequest, pk: int, fid: int, action: str) -> HttpResponse:
    foi_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
    found = get_object_or_404(foi_request.reply_files, pk=fid)
    if action not in ACTIONS:
        raise NotFoundError()
    service, done = ACTIONS[action]
    try:
        service(reply_file=found, by=request.user)
    except GongkaiError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done % {"name": found.name})
    return redirect("foi-staff:detail", pk=pk)


@staff_required
def staff_download(
    request: HttpRequest, pk: int, fid: int, version: str = "original"
) -> HttpResponse:
    foi_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
    found = get_object_or_404(foi_request.reply_files, pk=fid)
    if version == "redacted" and not found.redacted:
        raise Http404
    stored = found.redacted if version == "redacted" else found.file
    name = found.name if version == "original" else stored.name.rsplit("/", 1)[-1]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


def released(reply_file: ReplyFile) -> tuple[object, str]:
    """The version the applicant gets: the redacted copy where there is one."""
    if reply_file.redacted:
        stem = reply_file.name.rsplit(".", 1)[0]
        return reply_file.redacted, f"{stem}-脱敏.{reply_file.kind}"
    return reply_file.file, reply_file.name


@never_cache
def applicant_download(request: HttpRequest, fid: int) -> HttpResponse:
    """The applicant's download, once the reply has gone out (tracking session)."""
    foi_request = _case(request)
    if foi_request.status not in (Status.REPLIED, Status.CLOSED):
        raise Http404
    found = get_object_or_404(foi_request.reply_files, pk=fid)
    if not found.releasable:
        raise Http404
    stored, name = released(found)
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)  # type: ignore[attr-defined]
