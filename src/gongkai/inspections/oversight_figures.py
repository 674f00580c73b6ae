"""What the site self-check and the department assessment read from random
inspections (``common.figures`` FINDINGS and TIMELINESS): results past their
publication clock (RULES.md §6, ``inspection.results_publish``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.clocks.tallies import clock_tallies, clocks_overdue_on, due_day
from gongkai.common.figures import ClockTally, Finding

from .models import Inspection
from .services.results import RESULTS_CLOCK


def inspection_findings(*, on: dt.datetime) -> list[Finding]:
    """A finding per inspection whose result is not published in time at ``on``."""
    clocks = list(clocks_overdue_on(rule_keys=[RESULTS_CLOCK], on=on))
    ids = [int(c.subject_id) for c in clocks if c.subject_id.isdigit()]
    codes = dict(
        Inspection.objects.filter(pk__in=ids).values_list("pk", "draw__task__code")
    )
    out = []
    for clock in clocks:
        code = codes.get(int(clock.subject_id)) if clock.subject_id.isdigit() else None
        fix = (
            reverse("inspections-staff:task-detail", kwargs={"code": code})
            if code
            else reverse("inspections-staff:home")
        )
        out.append(
            Finding(
                indicator="content.inspection_late",
                severity="deduction",
                object=_("%(title)s：应于 %(due)s 前公示检查结果，尚未公示")
                % {
                    "title": clock.title,
                    "due": due_day(clock).isoformat(),
                },
                url="",
                fix_url=fix,
                action=_("在抽查任务中公示该对象的检查结果。"),
                department_id=clock.department_id,
            )
        )
    return out


def inspection_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """Result-publication clocks that fell due in the period."""
    return clock_tallies(
        rule_keys=[RESULTS_CLOCK], start=start, end=end, now=timezone.now()
    )
