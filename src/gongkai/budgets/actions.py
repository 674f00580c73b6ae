"""Budget actions beyond the shared ones (``publishing.actions``): submitting needs
the explanation (with 机关运行经费) and the 批复 date; publishing stops the 20-day
clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.publishing import actions

from . import services


class BudgetSubmit(actions.Submit):
    def execute(self, **data: Any) -> Any:
        return services.budget_submit(budget_set=self.obj, by=self.by, now=self.now)


class BudgetPublish(actions.Publish):
    def execute(
        self,
        *,
        publish_at: dt.datetime | None = None,
        unpublish_at: dt.datetime | None = None,
        **data: Any,
    ) -> Any:
        return services.budget_publish(
            budget_set=self.obj,
            by=self.by,
            publish_at=publish_at,
            unpublish_at=unpublish_at,
            now=self.now,
        )


BUDGET_ACTIONS: dict[str, type[actions.Action]] = {
    "submit": BudgetSubmit,
    "publish": BudgetPublish,
}
