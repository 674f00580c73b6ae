"""Demonstration data: a registry of 300 targets and 20 inspectors in Fujian,
published items and plan, and one completed task whose results are published.

The demo task is a 2024 task of the successor bureau (福建省市场监督管理局) drawn on
a real round of drand quicknet, whose public key is pinned (rules.DRAND_CHAINS): its
BLS signature is verified when entered, as on a live task, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import Department, User
from gongkai.publishing.choices import Status
from gongkai.publishing.services import (
    publishing_approve,
    publishing_publish,
    publishing_submit,
)

from . import services
from .choices import InspectionState
from .models import InspectionItem, InspectionPlan, Inspector, Target, Task
from .rules import DRAND_CHAINS, drand_round_time
from .sample import FUJIAN_REGIONS, inspectors, targets

TASK_CODE = "FJSJ-2024-001"
QUICKNET = next(iter(DRAND_CHAINS))
# A real quicknet round as the drand HTTP API returns it (the same round as
# core/tests/data/drand_rounds.json): produced 2024-03-16 11:29:09 UTC.
DEMO_ROUND = 5928395
DEMO_SIGNATURE = (
    "a5d07c0071b4e386b3ae09206522253c68fefe8490ad59ecc44a7dd0d0745be9"
    "1da5779e2247a82403fbc0cb9a34cb61"
)
ITEMS = [
    (
        "SJ-001",
        "食品经营者监督检查",
        "经营条件、进货查验记录",
        "《食品安全法》第一百一十条",
        "食品经营者",
        "现场检查",
        "5%",
        "每年1次",
        "key",
    ),
    (
        "SJ-002",
        "工业产品生产许可证获证企业检查",
        "许可条件保持情况",
        "《工业产品生产许可证管理条例》第三十八条",
        "获证企业",
        "现场检查",
        "3%",
        "每年1次",
        "general",
    ),
    (
        "SJ-003",
        "计量器具使用情况检查",
        "强制检定计量器具",
        "《计量法》第九条",
        "使用强检计量器具的单位",
        "现场检查、书面检查",
        "2%",
        "每年1次",
        "general",
    ),
    (
        "SJ-004",
        "企业公示信息检查",
        "年度报告公示信息",
        "《企业信息公示暂行条例》第十四条",
        "企业",
        "书面检查、网络监测",
        "3%",
        "每年1次",
        "general",
    ),
]


def load(*, now: dt.datetime, out: Any) -> None:
    """Load the demonstration registries and one finished task (idempotent)."""
    if Task.objects.filter(code=TASK_CODE).exists():
        return
    author = User.objects.get(username="quality")
    office = User.objects.get(username="office")
    enforcement = User.objects.get(username="enforcement")
    departments = list(
        Department.objects.filter(
            code__in=["quality", "enforcement", "metrology", "equipment"]
        )
    )
    quality = Department.objects.get(code="quality")
    _registry(departments, enforcement)
    round_time = drand_round_time(QUICKNET, DEMO_ROUND)
    assert round_time is not None
    start = round_time - dt.timedelta(hours=2)
    items = []
    for code, name, sub, basis, target, method, ratio, freq, kind in ITEMS:
        item = InspectionItem.objects.filter(code=code).first() or services.item_create(
            code=code,
            department=quality,
            by=author,
            now=start,
            name=name,
            sub_item=sub,
            legal_basis=basis,
            inspecting_body="省市场监督管理局",
            target_type=target,
            method=method,
            ratio=ratio,
            frequency=freq,
            inspector_requirements="具有执法资格，每组不少于2人",
            kind=kind,
        )
        _publish(item, author, office, start)
        items.append(item)
    plan = InspectionPlan.objects.filter(
        year=start.year
    ).first() or services.plan_create(
        year=start.year,
        title=f"{start.year}年度“双随机、一公开”抽查工作计划",
        body="一、抽查范围：食品经营者、工业产品生产许可证获证企业等。\n二、抽查比例：一般检查事项不超过5%，重点检查事项按风险等级确定。\n三、时间安排：全年分两批实施，每批抽取结果在检查结束之日起20个工作日内公示。",
        department=quality,
        by=author,
        now=start,
    )
    _publish(plan, author, office, start)
    task = services.task_create(
        code=TASK_CODE,
        title=f"{start.year}年第一批食品经营者“双随机”抽查",
        department=quality,
        plan=plan,
        items=items[:1],
        target_count=20,
        risk_weights={"A": 1, "B": 2, "C": 4, "D": 8},
        stratify_by=["risk", "region"],
        cutoff=(start - dt.timedelta(days=180)).date(),
        reserve_per_stratum=2,
        beacon_type="drand",
        drand_chain_hash=QUICKNET,
        drand_round=DEMO_ROUND,
        beacon_time=round_time,
        reveal_hours=1,
        followup_departments=departments,
        by=author,
        now=start,
    )
    d = services.draw_freeze(task=task, by=author, now=start)
    d = services.draw_commit(draw=d, by=office, now=start)
    at = d.beacon_time + dt.timedelta(hours=2)
    d = services.draw_beacon_enter(
        draw=d, by=office, now=at, signature_hex=DEMO_SIGNATURE
    )
    d = services.draw_run(draw=d, by=office, now=at)
    checked = (at + dt.timedelta(days=3)).date()
    results = ["no_problem", "no_problem", "corrected", "no_problem", "not_found"]
    entered = d.inspections.filter(state=InspectionState.ASSIGNED).order_by(
        "stratum", "rank"
    )
    for n, inspection in enumerate(entered[:15]):
        services.inspection_result_enter(
            inspection=inspection,
            result=results[n % len(results)],
            note="责令整改，已复查合格"
            if results[n % len(results)] == "corrected"
            else "",
            checked_on=checked,
            by=author,
            now=at + dt.timedelta(days=4),
        )
    services.results_publish(task=task, by=office, now=at + dt.timedelta(days=6))
    out.write(
        f"Inspections: {Target.objects.count()} targets, {Inspector.objects.count()} inspectors; task {TASK_CODE} drawn and published."
    )


def _registry(departments: list[Department], linked: User) -> None:
    existing = set(Target.objects.values_list("uscc", flat=True))
    Target.objects.bulk_create(
        [
            Target(
                **{
                    **t,
                    "last_inspected": dt.date.fromisoformat(t["last_inspected"])
                    if t["last_inspected"]
                    else None,
                }
            )
            for t in targets(300, regions=FUJIAN_REGIONS)
            if t["uscc"] not in existing
        ]
    )
    codes = set(Inspector.objects.values_list("code", flat=True))
    Inspector.objects.bulk_create(
        [
            Inspector(**i, department=departments[n % len(departments)])
            for n, i in enumerate(inspectors(20, regions=FUJIAN_REGIONS))
            if i["code"] not in codes
        ]
    )
    first = Inspector.objects.order_by("code").first()
    if (
        first
        and first.user_id is None
        and not Inspector.objects.filter(user=linked).exists()
    ):
        first.user = linked
        first.save(update_fields=["user"])


def _publish(obj: Any, author: User, office: User, now: dt.datetime) -> None:
    if obj.status != Status.DRAFT:
        return
    publishing_submit(obj=obj, by=author, now=now)
    publishing_approve(obj=obj, by=office, now=now)
    publishing_publish(obj=obj, by=office, publish_at=now, now=now)
