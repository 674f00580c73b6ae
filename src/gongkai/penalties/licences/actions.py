"""Licensing-decision actions replacing the lifecycle's publish and withdraw: both
also stop the site clock (licences.services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.publishing import actions
from gongkai.publishing.forms import ScheduleForm

from . import services


class LicencePublish(actions.Publish):
    """Publish with no end date: the 当前状态 says whether the licence is valid."""

    form_class = ScheduleForm

    def execute(self, *, publish_at: dt.datetime | None = None, **data: Any) -> Any:
        return services.licence_publish(
            licence=self.obj, by=self.by, publish_at=publish_at, now=self.now
        )


class LicenceWithdraw(actions.Withdraw):
    def execute(self, *, reason: str, **data: Any) -> Any:
        return services.licence_withdraw(
            licence=self.obj, reason=reason, by=self.by, now=self.now
        )


LICENCE_ACTIONS: dict[str, type[actions.Action]] = {
    "publish": LicencePublish,
    "withdraw": LicenceWithdraw,
}
