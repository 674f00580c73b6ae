"""Lifecycle actions, one class per operation, after Wagtail's ``wagtail/actions``.

Every content type on the lifecycle gets the same actions (submit, approve, reject,
publish now or scheduled, withdraw, reopen for revision, delete a draft); a content
type may replace one (documents publish with their interpretations, penalties
publish for their statutory window) or add its own (``ContentKind.actions`` in its
module declaration). ``action_run`` is the one way to run any of them, from the
workbench page and the API alike, always in this order:

1. the action exists for the content type, else ``publishing.unknown_action`` (400);
2. the user may do it at all (``permitted``), else ``permission_denied`` (403) —
   before the input is looked at;
3. the input is valid (the action's form), else ``invalid`` (400) with field errors;
4. the action is allowed in the current state (``check``), else ``publishing.
   transition`` (409); then ``execute`` calls the service, which checks again under
   its row lock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import can_edit_content, can_review_content
from gongkai.accounts.types import Staff
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)

from . import services
from .choices import Status
from .forms import ApproveForm, NoInputForm, PublishForm, ReasonForm
from .models import Publishable
from .registry import kind_for_model
from .rules import next_status

__all__ = [
    "Action",
    "Approve",
    "Delete",
    "Publish",
    "Reject",
    "Reopen",
    "Submit",
    "Withdraw",
    "action_run",
    "actions_available",
]


class Action:
    """One operation on one content item by one user."""

    name: ClassVar[str]
    label: ClassVar[Any]
    done: ClassVar[Any]  # the confirmation, with the item's title: "已提交审核：《…》"
    form_class: ClassVar[type[forms.Form]] = NoInputForm
    review: ClassVar[bool] = False  # the office's action (else the author's)
    # The lifecycle move (``rules.TRANSITIONS``) this action makes, if any.
    transition: ClassVar[str | None] = None

    def __init__(self, obj: Any, *, by: Staff, now: dt.datetime | None = None):
        self.obj, self.by, self.now = obj, by, now

    def permitted(self) -> bool:
        """Whether this user may take this action on this item at all."""
        if self.review:
            return can_review_content(self.by, self.obj)
        return can_edit_content(self.by, self.obj)

    def allowed(self) -> bool:
        """Whether the item's state allows the action now."""
        if self.transition is None:
            return True
        return next_status(self.obj.status, self.transition) is not None

    def check(self) -> None:
        """Raise the error the user would meet: permission first, then state."""
        if not self.permitted():
            raise PermissionDeniedError()
        if not self.allowed():
            raise ConflictError(
                _("“%(status)s”状态下不能%(action)s。")
                % {"status": Status(self.obj.status).label, "action": self.label},
                code="publishing.transition",
            )

    def execute(self, **data: Any) -> Any:
        raise NotImplementedError


class Submit(Action):
    name, label, done, transition = "submit", gettext_lazy("提交审核"), gettext_lazy("已提交审核"), "submit"  # fmt: skip

    def execute(self, **data: Any) -> Any:
        return services.publishing_submit(obj=self.obj, by=self.by, now=self.now)


class Approve(Action):
    name, label, done, transition = "approve", gettext_lazy("审核通过"), gettext_lazy("已审核通过"), "approve"  # fmt: skip
    form_class, review = ApproveForm, True

    def execute(self, *, accept_warnings: bool = False, **data: Any) -> Any:
        return services.publishing_approve(
            obj=self.obj, by=self.by, accept_warnings=accept_warnings, now=self.now
        )


class Reject(Action):
    name, label, done, transition = "reject", gettext_lazy("退回修改"), gettext_lazy("已退回修改"), "reject"  # fmt: skip
    form_class, review = ReasonForm, True

    def execute(self, *, reason: str, **data: Any) -> Any:
        return services.publishing_reject(
            obj=self.obj, by=self.by, reason=reason, now=self.now
        )


class Publish(Action):
    name, label, done, transition = "publish", gettext_lazy("发布"), gettext_lazy("已发布"), "publish"  # fmt: skip
    form_class, review = PublishForm, True

    def execute(
        self,
        *,
        publish_at: dt.datetime | None = None,
        unpublish_at: dt.datetime | None = None,
        **data: Any,
    ) -> Any:
        return services.publishing_publish(
            obj=self.obj,
            by=self.by,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            now=self.now,
        )


class Withdraw(Action):
    name, label, done, transition = "withdraw", gettext_lazy("撤回"), gettext_lazy("已撤回"), "withdraw"  # fmt: skip
    form_class, review = ReasonForm, True

    def execute(self, *, reason: str, **data: Any) -> Any:
        return services.publishing_withdraw(
            obj=self.obj, by=self.by, reason=reason, now=self.now
        )


class Reopen(Action):
    """Back to a draft, to revise approved or withdrawn content."""

    name, label, done, transition = "reopen", gettext_lazy("重新编辑"), gettext_lazy("已转为草稿，可以修改"), "reopen"  # fmt: skip

    def execute(self, **data: Any) -> Any:
        return services.publishing_reopen(obj=self.obj, by=self.by, now=self.now)


class Delete(Action):
    """Delete a draft that was never published (published content is withdrawn)."""

    name, label, done = "delete", gettext_lazy("删除草稿"), gettext_lazy("已删除草稿")

    def allowed(self) -> bool:
        return services.publishing_can_delete(self.obj)

    def execute(self, **data: Any) -> Any:
        return services.publishing_delete(obj=self.obj, by=self.by, now=self.now)


DEFAULT_ACTIONS: dict[str, type[Action]] = {
    cls.name: cls
    for cls in (Submit, Approve, Reject, Publish, Withdraw, Reopen, Delete)
}


def _actions_of(model: type[Any]) -> dict[str, type[Action]]:
    """The lifecycle's actions, with those the content type replaces or adds."""
    kind = kind_for_model(model)
    return {**DEFAULT_ACTIONS, **(kind.actions if kind else {})}


def action_class(model: type[Any], name: str) -> type[Action]:
    """The action ``name`` of a content type, or ``publishing.unknown_action``."""
    cls = _actions_of(model).get(name)
    if cls is None:
        raise InvalidInputError(
            _("未知操作：%s。") % name[:40], code="publishing.unknown_action"
        )
    return cls


def actions_available(obj: Publishable, *, by: Staff) -> list[Action]:
    """The actions ``by`` may take on ``obj`` now (buttons, the API's list)."""
    out = []
    for cls in _actions_of(type(obj)).values():
        action = cls(obj, by=by)
        if action.permitted() and action.allowed():
            out.append(action)
    return out


def action_run(
    *,
    obj: Any,
    name: str,
    by: Staff,
    data: Any,
    files: dict[str, UploadedFile] | None = None,
    now: dt.datetime | None = None,
) -> tuple[Action, Any]:
    """Run action ``name`` on ``obj`` with the submitted ``data`` (see the module
    docstring for the order of the checks). Returns the action and its result."""
    action = action_class(type(obj), name)(obj, by=by, now=now)
    if not action.permitted():
        raise PermissionDeniedError()
    form = action.form_class(data, files)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise InvalidInputError(
            first, code="invalid", detail=form.errors.get_json_data()
        )
    action.check()
    return action, action.execute(**form.cleaned_data)
