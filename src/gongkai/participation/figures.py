"""The oversight contract (``common.figures``): what a site inspection would find in
the mailbox and on the clocks of this module, and the timeliness of each department.

* FINDINGS ``interaction.unanswered`` (veto, 国办秘函〔2019〕19号 互动回应差): a valid
  message received in the year before ``on`` and unanswered for more than 3 months.
* FINDINGS ``interaction.late`` (deduction): a message, proposal or incident clock
  past its due moment at ``on`` and still running then.
* TIMELINESS: the clocks of this module that fell due in ``[start, end]`` (the red
  line is a threshold, not a duty of a department, so it is left out), met or
  overdue, per department; overdue hours of incidents count as fractions of days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongkai.clocks.models import Clock
from gongkai.clocks.selectors import SHANGHAI, clock_rule
from gongkai.common.figures import ClockTally, Finding

from .clock_rules import (
    DEPUTY_REPLY,
    MEMBER_REPLY,
    MESSAGE_REPLY,
    OPINION_RESPONSE,
    PRESS_CONFERENCE,
    RELEASE,
)
from .mailbox_rules import in_inspection_window, is_past_red_line, red_line_date
from .models import Incident, Message, MessageStatus, Proposal

DUTY_CLOCKS = (
    MESSAGE_REPLY,
    DEPUTY_REPLY,
    MEMBER_REPLY,
    RELEASE,
    PRESS_CONFERENCE,
    OPINION_RESPONSE,
)
_FIX = {
    Message: "participation-staff:message-detail",
    Proposal: "participation-staff:proposal-detail",
    Incident: "participation-staff:incident-detail",
}


def findings(*, on: dt.datetime) -> list[Finding]:
    """What the inspection would mark down at ``on`` (see the module docstring)."""
    today = on.astimezone(SHANGHAI).date()
    found: list[Finding] = []
    since = on - dt.timedelta(days=370)
    for message in (
        Message.objects.filter(received_at__lte=on, received_at__gte=since)
        .exclude(status=MessageStatus.INVALID)
        .order_by("received_at")
    ):
        received = message.received_at.astimezone(SHANGHAI).date()
        answered = (
            message.answered_at.astimezone(SHANGHAI).date()
            if message.answered_at is not None and message.answered_at <= on
            else None
        )
        if in_inspection_window(received, on=today) and is_past_red_line(
            received, answered_on=answered, on=today
        ):
            found.append(
                Finding(
                    indicator="interaction.unanswered",
                    severity="veto",
                    object=f"留言《{message.subject}》（{message.tracking_number}）"
                    f"收到 {received.isoformat()}，超过3个月"
                    f"（{red_line_date(received).isoformat()}）未答复"
                    + (f"，{answered.isoformat()} 才答复" if answered else ""),
                    url=message.get_absolute_url()
                    if message.is_public and message.status == MessageStatus.ANSWERED
                    else "",
                    fix_url=reverse(_FIX[Message], args=[message.pk]),
                    action="立即答复该留言（国办秘函〔2019〕19号 互动回应差 单项否决）",
                    department_id=message.department_id,
                )
            )
    late = Clock.objects.filter(
        rule_key__in=DUTY_CLOCKS, started_at__lte=on, due_at__lte=on
    ).filter(Q(stopped_at__isnull=True) | Q(stopped_at__gt=on))
    types = {ContentType.objects.get_for_model(m).pk: m for m in _FIX}
    for clock in late.order_by("due_at", "id"):
        model = types.get(clock.subject_type_id)
        if model is None:
            continue
        due = clock.due_at.astimezone(SHANGHAI) if clock.due_at else None
        found.append(
            Finding(
                indicator="interaction.late",
                severity="deduction",
                object=f"{clock.title}：{clock_rule(clock.rule_key, start=clock.started_at.astimezone(SHANGHAI).date()).title}"
                f"已于 {due:%Y-%m-%d %H:%M} 到期"
                if due
                else clock.title,
                url="",
                fix_url=reverse(_FIX[model], args=[clock.subject_id]),
                action="尽快答复、发布或回应，并记录办理结果",
                department_id=clock.department_id,
            )
        )
    return found


def timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """The duty clocks that fell due in ``[start, end]``, met or overdue, per
    department and rule (see the module docstring)."""
    now = timezone.now()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=SHANGHAI)
    last = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    tallies: dict[tuple[str, int | None], list[float]] = defaultdict(
        lambda: [0, 0, 0.0]
    )
    titles: dict[str, str] = {}
    # A day rule is due at 24:00 of its last day, so ``last`` itself belongs to ``end``.
    for clock in Clock.objects.filter(
        rule_key__in=DUTY_CLOCKS, due_at__gt=first, due_at__lte=last
    ):
        assert clock.due_at is not None
        key = (clock.rule_key, clock.department_id)
        if clock.rule_key not in titles:
            titles[clock.rule_key] = clock_rule(
                clock.rule_key, start=clock.started_at.astimezone(SHANGHAI).date()
            ).title
        if clock.stopped_at is not None and not clock.stopped_late:
            tallies[key][0] += 1
        elif clock.stopped_at is not None or clock.due_at <= now:
            tallies[key][1] += 1
            ended = clock.stopped_at or now
            tallies[key][2] += (ended - clock.due_at).total_seconds() / 86400
    return [
        ClockTally(
            kind=rule_key,
            label=titles[rule_key],
            department_id=department_id,
            met=int(values[0]),
            overdue=int(values[1]),
            delay_days_total=round(values[2], 3),
        )
        for (rule_key, department_id), values in sorted(
            tallies.items(), key=lambda item: (item[0][0], item[0][1] or 0)
        )
    ]
