"""What the site self-check and the department assessment read from the catalogue
(``common.figures`` FINDINGS and TIMELINESS, declared in ``module.py``):

* columns not updated within their period and blank columns (国办秘函〔2019〕19号,
  RULES.md §5.2 "栏目不更新"; the periods are ``core.freshness``);
* policies whose interpretation is late (RULES.md §12: 3 working days).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.clocks.selectors import SHANGHAI, work_calendar
from gongkai.clocks.tallies import clock_tallies
from gongkai.common.figures import ActivityCount, ClockTally, Finding
from gongkai.core import freshness
from gongkai.publishing.choices import Status

from . import rules
from .models import Column, Document
from .selectors import late_interpretations


def _visible_on(on: dt.datetime) -> Q:
    prefix = "documents__"
    return Q(
        **{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_at__lte": on}
    ) & (
        Q(**{f"{prefix}unpublish_at__isnull": True})
        | Q(**{f"{prefix}unpublish_at__gt": on})
    )


def column_findings(*, on: dt.datetime) -> list[Finding]:
    """Active columns with nothing visible at ``on`` (blank), or whose newest visible
    document is older than the column's period (stale)."""
    today = on.astimezone(SHANGHAI).date()
    columns = Column.objects.filter(is_active=True).annotate(
        last=Max("documents__publish_at", filter=_visible_on(on))
    )
    create = reverse("documents-staff:document-create")
    out = []
    for column in columns.order_by("order", "slug"):
        if column.last is None:
            out.append(
                Finding(
                    indicator="freshness.blank_column",
                    severity="deduction",
                    object=_("栏目《%s》没有任何内容") % column.name,
                    url=column.get_absolute_url(),
                    fix_url=create,
                    action=_("在该栏目发布内容，或停用该栏目。"),
                )
            )
            continue
        last = column.last.astimezone(SHANGHAI).date()
        period = column.update_period_days
        if freshness.is_stale(
            last_update=last, name=column.name, period_days=period, on=today
        ):
            due = freshness.update_due(
                last_update=last, name=column.name, period_days=period
            )
            out.append(
                Finding(
                    indicator="freshness.stale_column",
                    severity="deduction",
                    object=_("栏目《%(name)s》最后更新 %(last)s，应于 %(due)s 前更新")
                    % {
                        "name": column.name,
                        "last": last.isoformat(),
                        "due": due.isoformat(),
                    },
                    url=column.get_absolute_url(),
                    fix_url=create,
                    action=_("在该栏目发布新的内容。"),
                )
            )
    return out


def interpretation_findings(*, on: dt.datetime) -> list[Finding]:
    """Policies published without their interpretation past the 3-working-day limit."""
    out = []
    for row in late_interpretations(now=on, calendar=work_calendar()):
        if row.published_on is not None:
            continue  # published late: history for the assessment, nothing to fix
        doc = row.document
        out.append(
            Finding(
                indicator="content.interpretation_late",
                severity="deduction",
                object=_("《%(title)s》的政策解读应于 %(due)s 前发布，尚未发布")
                % {"title": doc.title, "due": row.due.isoformat()},
                url=doc.get_absolute_url(),
                fix_url=reverse("documents-staff:document-edit", kwargs={"pk": doc.pk}),
                action=_(
                    "起草并发布解读材料（谁起草、谁解读），或记录免于解读的理由。"
                ),
                department_id=doc.department_id,
            )
        )
    return out


def document_findings(*, on: dt.datetime) -> list[Finding]:
    """Column and interpretation findings as of ``on``."""
    return column_findings(on=on) + interpretation_findings(on=on)


def interpretation_tallies(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """Interpretations due in ``[start, end]``: on time, or late (published after the
    due day, or still missing and the due day past)."""
    calendar = work_calendar()
    today = timezone.localdate()
    qs = Document.objects.filter(
        status=Status.PUBLISHED,
        needs_interpretation=True,
        interpretation_waiver="",
        publish_at__date__gte=start - dt.timedelta(days=30),
        publish_at__date__lte=end,
    ).prefetch_related("interpretations")
    rows: dict[int | None, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for doc in qs:
        assert doc.publish_at is not None
        published = doc.publish_at.astimezone(SHANGHAI).date()
        due = rules.interpretation_due(policy_published_on=published, calendar=calendar)
        if not start <= due <= end or due >= today:
            continue
        dates = [
            i.publish_at.astimezone(SHANGHAI).date()
            for i in doc.interpretations.all()
            if i.status == Status.PUBLISHED and i.publish_at is not None
        ]
        first = min(dates) if dates else None
        row = rows[doc.department_id]
        if first is not None and first <= due:
            row[0] += 1
        else:
            row[1] += 1
            row[2] += ((first or min(today, end)) - due).days
    return [
        ClockTally(
            kind="document.interpretation",
            label=_("政策解读发布期限"),
            department_id=dept,
            met=int(met),
            overdue=int(late),
            delay_days_total=float(delay),
        )
        for dept, (met, late, delay) in rows.items()
    ]


def document_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """Proactive-disclosure clocks of documents and interpretation limits."""
    return clock_tallies(
        rule_keys=["proactive.publish"],
        start=start,
        end=end,
        now=timezone.now(),
        subject_model=Document,
    ) + interpretation_tallies(start=start, end=end)


def publications_by_column(*, start: dt.date, end: dt.date) -> list[ActivityCount]:
    """Documents published in ``[start, end]`` per department and column."""
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=SHANGHAI)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)
    rows = (
        Document.objects.filter(
            status=Status.PUBLISHED, publish_at__gte=lo, publish_at__lt=hi
        )
        .values("department_id", "columns__name")
        .annotate(n=Count("id"))
        .order_by("department_id", "columns__name")
    )
    return [
        ActivityCount(
            group=_("按栏目发布"),
            item=r["columns__name"] or _("（未归入栏目）"),
            department_id=r["department_id"],
            count=r["n"],
        )
        for r in rows
    ]
