"""What the site self-check and the department assessment read from penalties
(``common.figures`` FINDINGS and TIMELINESS, declared in ``module.py``): decisions
past their publication clock (闽质监〔2017〕126号 task 8: within 7 working days;
总局令第45号 第九条: 20 working days on the national credit system)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from gongkai.clocks.tallies import clock_tallies, clocks_overdue_on, due_day
from gongkai.common.figures import ClockTally, Finding

# The site self-check looks at the own website's clocks (penalties and licensing
# decisions, 双公示); the assessment counts the national credit system's
# (总局令第45号 第九条) and the withdrawal clock as well.
SITE_CLOCKS = ("penalty.publish", "licence.publish")
ALL_CLOCKS = (*SITE_CLOCKS, "penalty.publish_samr", "penalty.withdraw")


# (clock, indicator, the workbench page that fixes it, what to do)
_LATE = (
    ("penalty.publish", "content.penalty_late", "penalties-staff:penalty-edit",
     _noop("核对处罚决定，审核后公示，或记录不予公示的理由。")),
    ("licence.publish", "content.licence_late", "penalties-staff:licence-edit",
     _noop("核对许可决定，审核后公示，或记录不予公示的理由。")),
)  # fmt: skip


def penalty_findings(*, on: dt.datetime) -> list[Finding]:
    """A finding per penalty or licensing decision whose site publication clock is
    overdue at ``on`` (7 working days: 闽质监〔2017〕126号 task 8; 国办发〔2018〕118号)."""
    out = []
    for key, indicator, edit, action in _LATE:
        for clock in clocks_overdue_on(rule_keys=(key,), on=on):
            due = due_day(clock)
            out.append(
                Finding(
                    indicator=indicator,
                    severity="deduction",
                    object=_("%(title)s：应于 %(due)s 前公示，尚未公示")
                    % {"title": clock.title, "due": due.isoformat()},
                    url="",
                    fix_url=reverse(edit, kwargs={"pk": clock.subject_id}),
                    action=_(action),
                    department_id=clock.department_id,
                )
            )
    return out


def penalty_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """The 双公示 clocks that fell due in the period: penalties on the site and in
    the national credit system, their withdrawal, and licensing decisions."""
    return clock_tallies(rule_keys=ALL_CLOCKS, start=start, end=end, now=timezone.now())
