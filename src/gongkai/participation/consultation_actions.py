"""Consultation and feedback actions beyond the shared ones (``publishing.actions``):
close a consultation (starts the feedback clock), publish the feedback report (stops
it, and only once the consultation has closed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy

from gongkai.publishing import actions
from gongkai.publishing.choices import Status
from gongkai.publishing.forms import ScheduleForm

from .consultation_forms import CloseForm
from .services import consultations as services


class Close(actions.Action):
    name, label, done = "close", gettext_lazy("结束征求意见"), gettext_lazy("已结束征求意见")  # fmt: skip
    form_class = CloseForm

    def allowed(self) -> bool:
        return bool(self.obj.status == Status.PUBLISHED)

    def execute(self, *, note: str = "", **data: Any) -> Any:
        return services.consultation_close(
            consultation=self.obj, by=self.by, note=note, now=self.now
        )


class FeedbackPublish(actions.Publish):
    """Publish the feedback report (now or at a time); stops the feedback clock."""

    form_class = ScheduleForm

    def execute(self, *, publish_at: dt.datetime | None = None, **data: Any) -> Any:
        return services.feedback_publish(
            report=self.obj, by=self.by, publish_at=publish_at, now=self.now
        )


CONSULTATION_ACTIONS = {"close": Close}
FEEDBACK_ACTIONS = {"publish": FeedbackPublish}
