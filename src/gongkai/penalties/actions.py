"""Penalty actions beyond the shared ones (``publishing.actions``): publication for
the statutory window, withdrawal and change of a decision, and the early end of the
publication period (credit repair)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy

from gongkai.publishing import actions
from gongkai.publishing.forms import ScheduleForm

from . import rules, services
from .forms import ChangeForm, EarlyEndForm, GsxtForm, WithdrawForm


class PenaltyPublish(actions.Publish):
    """Publish for the window the rules give (its end is computed, not chosen)."""

    form_class = ScheduleForm

    def execute(self, *, publish_at: dt.datetime | None = None, **data: Any) -> Any:
        return services.penalty_publish(
            penalty=self.obj, by=self.by, publish_at=publish_at, now=self.now
        )


class PenaltyWithdraw(actions.Withdraw):
    """Withdraw because the decision was changed, revoked or annulled."""

    form_class = WithdrawForm

    def execute(
        self, *, kind: str, changed_on: dt.date, reason: str = "", **data: Any
    ) -> Any:
        return services.penalty_withdraw(
            penalty=self.obj,
            kind=kind,
            changed_on=changed_on,
            reason=reason,
            by=self.by,
            now=self.now,
        )


class ChangeRecord(actions.Action):
    """Record a change of the decision: the 3-working-day withdrawal clock starts."""

    name, label, done = "change", gettext_lazy("登记决定变更"), gettext_lazy("已登记决定变更")  # fmt: skip
    form_class = ChangeForm

    def execute(self, *, kind: str, changed_on: dt.date, **data: Any) -> Any:
        return services.penalty_change_record(
            penalty=self.obj, kind=kind, changed_on=changed_on, by=self.by, now=self.now
        )


class GsxtRecord(actions.Action):
    """Record the publication in 国家企业信用信息公示系统 (总局令第45号 第九条): stops
    that clock; the site's own clock is stopped by publishing here."""

    name, label, done = "gsxt", gettext_lazy("登记已在国家企业信用信息公示系统公示"), gettext_lazy("已登记国家企业信用信息公示系统公示")  # fmt: skip
    form_class = GsxtForm

    def execute(self, *, published_on: dt.date, **data: Any) -> Any:
        return services.penalty_gsxt_record(
            penalty=self.obj, published_on=published_on, by=self.by, now=self.now
        )


class EarlyEnd(actions.Action):
    """End the publication period early (总局令第45号 第十四条, credit repair)."""

    name, label, done = "early-end", gettext_lazy("提前停止公示"), gettext_lazy("已提前停止公示")  # fmt: skip
    form_class, review = EarlyEndForm, True

    def execute(
        self,
        *,
        obligations_performed: bool = False,
        harm_eliminated: bool = False,
        no_repeat: bool = False,
        not_listed: bool = False,
        note: str = "",
        **data: Any,
    ) -> Any:
        return services.penalty_early_end(
            penalty=self.obj,
            conditions=rules.RepairConditions(
                obligations_performed, harm_eliminated, no_repeat, not_listed
            ),
            note=note,
            by=self.by,
            now=self.now,
        )


PENALTY_ACTIONS: dict[str, type[actions.Action]] = {
    "publish": PenaltyPublish,
    "withdraw": PenaltyWithdraw,
    "change": ChangeRecord,
    "early-end": EarlyEnd,
    "gsxt": GsxtRecord,
}
