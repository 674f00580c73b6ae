"""The catalogue's lifecycle actions beyond the shared ones (``publishing.actions``):
a document publishes with its interpretations, a reviewer may waive the
interpretation, and authors relate documents and attach files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.common.errors import InvalidInputError
from gongkai.publishing import actions

from . import services
from .attachments import attachment_add
from .forms import AttachmentForm, ReasonForm, RelationForm
from .selectors import document_by_key

ATTACHMENT_LIMIT = 20 * 1024 * 1024


class DocumentPublish(actions.Publish):
    """Publish with the approved interpretations (同步发布) and apply repeals."""

    def execute(
        self,
        *,
        publish_at: dt.datetime | None = None,
        unpublish_at: dt.datetime | None = None,
        **data: Any,
    ) -> Any:
        return services.document_publish(
            document=self.obj,
            by=self.by,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            now=self.now,
        )


class WaiveInterpretation(actions.Action):
    name, label, done = "waive", gettext_lazy("免于解读"), gettext_lazy("已免于解读")
    form_class, review = ReasonForm, True

    def execute(self, *, reason: str, **data: Any) -> Any:
        return services.document_waive_interpretation(
            document=self.obj, by=self.by, reason=reason, now=self.now
        )


class Relate(actions.Action):
    name, label, done = "relate", gettext_lazy("关联文件"), gettext_lazy("已关联文件")
    form_class = RelationForm

    def execute(self, *, kind: str, target: str, **data: Any) -> Any:
        found = document_by_key(target)
        if found is None:
            raise InvalidInputError(
                _("没有找到索引号或文号为“%s”的文件。") % target.strip(),
                code="document.relation_target",
            )
        return services.relation_add(
            source=self.obj, target=found, kind=kind, by=self.by, now=self.now
        )


class Attach(actions.Action):
    name, label, done = "attach", gettext_lazy("上传附件"), gettext_lazy("已上传附件")
    form_class = AttachmentForm

    def execute(self, *, file: UploadedFile, **data: Any) -> Any:
        if file.size and file.size > ATTACHMENT_LIMIT:
            raise InvalidInputError(
                _("附件不能超过 20 MB。"), code="document.attachment_size"
            )
        return attachment_add(
            document=self.obj, name=file.name or "", data=file.read(), by=self.by
        )


DOCUMENT_ACTIONS: dict[str, type[actions.Action]] = {
    "publish": DocumentPublish,
    "waive": WaiveInterpretation,
    "relate": Relate,
    "attach": Attach,
}
