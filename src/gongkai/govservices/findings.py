"""What a site inspection would find in the service catalogue (common.figures
FINDINGS): a published guide that misses an element of RULES §7."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.common.figures import Finding

from .models import ServiceItem
from .rules import guide_problems, problems_text

INDICATOR = "services.guide_incomplete"


def guide_findings(*, on: dt.datetime) -> list[Finding]:
    """Each guide public at ``on`` that fails the completeness checks (deduction)."""
    out = []
    items = ServiceItem.objects.visible(on).prefetch_related("materials")
    for item in items.order_by("id"):
        problems = guide_problems(item.facts(materials=len(item.materials.all())))
        if not problems:
            continue
        out.append(
            Finding(
                indicator=INDICATOR,
                severity="deduction",
                object=f"办事指南《{item.name}》：{problems_text(problems)}",
                url=item.get_absolute_url(),
                fix_url=reverse(
                    "govservices-staff:service-edit", kwargs={"pk": item.pk}
                ),
                action="撤回后补齐办事指南要素，重新审核发布",
                department_id=item.department_id,
            )
        )
    return out
