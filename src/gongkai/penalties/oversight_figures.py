"""What the site self-check and the department assessment read from penalties
(``common.figures`` FINDINGS and TIMELINESS, declared in ``module.py``): decisions
past their publication clock (闽质监〔2017〕126号 task 8: within 7 working days;
总局令第45号 第九条: 20 working days on the national credit system)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.clocks.tallies import clock_tallies, clocks_overdue_on, due_day
from gongkai.common.figures import ClockTally, Finding

# The site self-check looks at the own website's clock; the assessment counts the
# national credit system's (总局令第45号 第九条) and the withdrawal clock as well.
SITE_CLOCKS = ("penalty.publish",)
# ... and the licensing decisions' site clock (行政许可 双公示, licences/).
ALL_CLOCKS = (
    *SITE_CLOCKS,
    "penalty.publish_samr",
    "penalty.withdraw",
    "licence.publish",
)


def penalty_findings(*, on: dt.datetime) -> list[Finding]:
    """A finding per decision whose publication clock is overdue at ``on``."""
    out = []
    for clock in clocks_overdue_on(rule_keys=SITE_CLOCKS, on=on):
        due = due_day(clock)
        out.append(
            Finding(
                indicator="content.penalty_late",
                severity="deduction",
                object=_("%(title)s：应于 %(due)s 前公示，尚未公示")
                % {"title": clock.title, "due": due.isoformat()},
                url="",
                fix_url=reverse(
                    "penalties-staff:penalty-edit", kwargs={"pk": clock.subject_id}
                ),
                action=_("核对处罚决定，审核后公示，或记录不予公示的理由。"),
                department_id=clock.department_id,
            )
        )
    return out


def penalty_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """The 双公示 clocks that fell due in the period: penalties on the site and in
    the national credit system, their withdrawal, and licensing decisions."""
    return clock_tallies(rule_keys=ALL_CLOCKS, start=start, end=end, now=timezone.now())
