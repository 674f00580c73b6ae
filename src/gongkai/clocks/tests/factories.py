"""Clocks are started through ``clock_start`` so their caches are real."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import factory

from gongkai.accounts.tests.factories import DepartmentFactory
from gongkai.clocks.models import Clock
from gongkai.clocks.services import clock_start

SHANGHAI = ZoneInfo("Asia/Shanghai")


class ClockFactory(factory.Factory):
    """``ClockFactory(rule_key=..., at=..., now=...)``; the subject is its department."""

    class Meta:
        model = Clock

    rule_key = "foi.reply"
    at = dt.datetime(2026, 2, 10, 9, 0, tzinfo=SHANGHAI)
    title = factory.Sequence(lambda n: f"事项{n}")
    department = factory.SubFactory(DepartmentFactory)
    subject = factory.SelfAttribute("department")
    now = factory.SelfAttribute("at")

    @classmethod
    def _create(cls, model_class: type[Clock], **kwargs: Any) -> Clock:
        return clock_start(**kwargs)
