"""Service-guide actions replacing the lifecycle's submit, approve and publish: each
refuses a guide that fails the completeness checks (rules.guide_problems), naming
every failing element, on the workbench page and in the API alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.publishing import actions

from . import services


class ServiceSubmit(actions.Submit):
    def execute(self, **data: Any) -> Any:
        return services.service_submit(item=self.obj, by=self.by, now=self.now)


class ServiceApprove(actions.Approve):
    def execute(self, *, accept_warnings: bool = False, **data: Any) -> Any:
        return services.service_approve(
            item=self.obj, by=self.by, accept_warnings=accept_warnings, now=self.now
        )


class ServicePublish(actions.Publish):
    def execute(
        self,
        *,
        publish_at: dt.datetime | None = None,
        unpublish_at: dt.datetime | None = None,
        **data: Any,
    ) -> Any:
        return services.service_publish(
            item=self.obj,
            by=self.by,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            now=self.now,
        )


SERVICE_ACTIONS: dict[str, type[actions.Action]] = {
    "submit": ServiceSubmit,
    "approve": ServiceApprove,
    "publish": ServicePublish,
}
