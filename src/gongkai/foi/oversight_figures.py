"""What the site self-check and the department assessment read from information
requests (``common.figures`` FINDINGS and TIMELINESS): replies past their statutory
clock (条例 第三十三条: 20 working days, extension at most 20)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.clocks.tallies import clock_tallies, clocks_overdue_on, due_day
from gongkai.common.figures import ActivityCount, ClockTally, Finding

from .choices import AppealKind, AppealResult
from .codes import NOTICE_CLOCK, REPLY_CLOCK
from .models import OUTCOME_CHOICES, Appeal, FoiRequest

CLOCKS = (REPLY_CLOCK, NOTICE_CLOCK, "foi.third_party_notice")


def foi_findings(*, on: dt.datetime) -> list[Finding]:
    """A finding per request whose reply is overdue at ``on``."""
    out = []
    for clock in clocks_overdue_on(rule_keys=[REPLY_CLOCK], on=on):
        out.append(
            Finding(
                indicator="interaction.late",
                severity="deduction",
                object=_("%(title)s：答复期限 %(due)s 已过，尚未答复")
                % {
                    "title": clock.title,
                    "due": due_day(clock).isoformat(),
                },
                url="",
                fix_url=reverse("foi-staff:detail", kwargs={"pk": clock.subject_id}),
                action=_("尽快作出答复（条例第三十三条）。"),
                department_id=clock.department_id,
            )
        )
    return out


def foi_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """Reply and notice clocks of information requests that fell due in the period."""
    return clock_tallies(rule_keys=CLOCKS, start=start, end=end, now=timezone.now())


def foi_outcomes(*, start: dt.date, end: dt.date) -> list[ActivityCount]:
    """Requests closed in ``[start, end]`` per department and outcome, and the
    administrative reviews and lawsuits decided in the period per department and
    result: 结果纠正 is one the department lost (annual report table 4)."""
    return _closed(start, end) + _appeals(start, end)


def _appeals(start: dt.date, end: dt.date) -> list[ActivityCount]:
    kinds, results = dict(AppealKind.choices), dict(AppealResult.choices)
    rows = (
        Appeal.objects.filter(decided_on__gte=start, decided_on__lte=end)
        .values("request__department_id", "kind", "result")
        .annotate(n=Count("id"))
        .order_by("request__department_id", "kind", "result")
    )
    return [
        ActivityCount(
            group=_("行政复议、行政诉讼"),
            item=f"{kinds.get(r['kind'], r['kind'])}：{results.get(r['result'], r['result'])}",
            department_id=r["request__department_id"],
            count=r["n"],
        )
        for r in rows
    ]


def _closed(start: dt.date, end: dt.date) -> list[ActivityCount]:
    labels = dict(OUTCOME_CHOICES)
    rows = (
        FoiRequest.objects.filter(closed_at__date__gte=start, closed_at__date__lte=end)
        .exclude(outcome="")
        .values("department_id", "outcome")
        .annotate(n=Count("id"))
        .order_by("department_id", "outcome")
    )
    return [
        ActivityCount(
            group=_("依申请公开办理结果"),
            item=str(labels.get(r["outcome"], r["outcome"])),
            department_id=r["department_id"],
            count=r["n"],
        )
        for r in rows
    ]
