from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS, TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    PublicPages,
)

from .clock_rules import CLOCK_RULES
from .models import (
    Contribution,
    Draw,
    Inspection,
    InspectionItem,
    InspectionPlan,
    Inspector,
    Task,
)
from .oversight_figures import inspection_findings, inspection_timeliness

WINDOW = ("publish_at", "unpublish_at")


def _plans() -> object:
    from django.utils import timezone

    return InspectionPlan.objects.visible(timezone.now())


def _plan_url(plan: InspectionPlan) -> str:
    from django.urls import reverse

    return reverse("inspections:plan-detail", args=[plan.pk])


def _tasks() -> object:
    from .selectors import task_list_public

    return task_list_public()


def _task_url(task: Task) -> str:
    from django.urls import reverse

    return reverse("inspections:task-detail", args=[task.code])


# The public pages ("was I drawn", the check, stays dynamic: a lookup by code).
PAGES = [
    PublicPages(
        "inspections:index", shows=(InspectionPlan, InspectionItem, Task, Draw)
    ),
    PublicPages("inspections:item-list", shows=(InspectionItem,)),
    PublicPages("inspections:plan-list", shows=(InspectionPlan,)),
    PublicPages(
        "inspections:plan-detail",
        shows=(Task, Draw),
        each=_plans,
        item=InspectionPlan,
        url=_plan_url,
    ),
    PublicPages("inspections:task-list", params=("page",), shows=(Task, Draw)),
    PublicPages(
        "inspections:task-detail",
        shows=(Inspector,),
        each=_tasks,
        item=Task,
        url=_task_url,
    ),
    PublicPages(
        "inspections:result-list", params=("q", "page"), shows=(Inspection, Draw)
    ),
    PublicPages("inspections:how"),
]


def declare() -> Module:
    return Module(
        name="inspections",
        public_urls="gongkai.inspections.urls",
        staff_urls="gongkai.inspections.staff_urls",
        api_urls="gongkai.inspections.api_urls",
        public_menu=[MenuEntry(_("双随机一公开"), "inspections:index", 40)],
        staff_menu=[MenuEntry(_("双随机一公开"), "inspections-staff:home", 40)],
        content=[
            ContentKind(InspectionItem, _("抽查事项"), "inspections-staff:item-edit"),
            ContentKind(
                InspectionPlan, _("年度抽查计划"), "inspections-staff:plan-edit"
            ),
        ],
        cache=[
            CacheWatch(InspectionItem, window=WINDOW),
            CacheWatch(InspectionPlan, window=WINDOW),
            CacheWatch(Task, parents=("plan",)),
            CacheWatch(Draw, parents=("task",)),
            CacheWatch(Inspection, parents=("draw",)),
            CacheWatch(Contribution, parents=("draw",)),
            CacheWatch(Inspector),
        ],
        pages=PAGES,
        clock_rules=CLOCK_RULES,
        figures={FINDINGS: inspection_findings, TIMELINESS: inspection_timeliness},
        commands=["inspections_import", "inspections_bundle", "inspections_verify"],
        demo="gongkai.inspections.demo",
    )
