"""Workbench pages of new-media posts: draft, review (三审), export."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts.decorators import staff_required
from gongkai.accounts.permissions import can_review_content
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.publishing.choices import Status
from gongkai.publishing.forms import PublishForm

from . import exports, services
from .forms import PostForm, ThreeReviewApproveForm
from .models import MediaAccount, MediaPost
from .permissions import can_manage
from .selectors import post_visible_to_staff


def _accounts(user: object) -> QuerySet[MediaAccount]:
    qs = MediaAccount.objects.all()
    if can_manage(user):
        return qs
    return qs.filter(department_id=getattr(user, "department_id", None))


@staff_required
def post_list(request: HttpRequest) -> HttpResponse:
    posts = post_visible_to_staff(request.user).order_by("-updated_at", "-id")[:200]
    return render(request, "oversight/post_list.html", {"posts": posts})


@staff_required
def post_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    post = (
        get_object_or_404(post_visible_to_staff(request.user), pk=pk)
        if pk
        else MediaPost()
    )
    initial = {}
    if not pk and request.GET.get("account", "").isdecimal():
        initial["account"] = int(request.GET["account"])
    form = PostForm(
        request.POST or None, request.FILES or None, instance=post, initial=initial
    )
    form.fields["account"].queryset = _accounts(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.media_post_save(
                post=post,
                account=form.cleaned_data["account"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                image=request.FILES.get("image"),
                by=request.user,
            )
        except PermissionDeniedError:
            raise
        except GongkaiError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("稿件已保存。"))
            return redirect("oversight-staff:post-edit", pk=post.pk)
    context = {
        "post": post,
        "form": form,
        "approve_form": ThreeReviewApproveForm(),
        "publish_form": PublishForm(),
        "can_review": bool(post.pk) and can_review_content(request.user, post),
        "can_edit": not post.pk or post.status == Status.DRAFT,
    }
    return render(request, "oversight/post_form.html", context)


@staff_required
def post_export(request: HttpRequest, pk: int) -> HttpResponse:
    """An approved or published post's text and image as a ZIP."""
    post = get_object_or_404(post_visible_to_staff(request.user), pk=pk)
    if post.status not in (Status.APPROVED, Status.PUBLISHED):
        messages.error(request, _("只有审核通过的稿件可以导出。"))
        return redirect("oversight-staff:post-edit", pk=post.pk)
    response = HttpResponse(exports.post_bundle(post), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="post-{post.pk}.zip"'
    return response
