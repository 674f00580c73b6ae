"""Demonstration data of oversight: the bureau's 2017 plan (闽质监〔2017〕126号, its
fourteen tasks and four guarantees with their responsible units, carried in
``data/work-plan-2017.json``), progress reports, new-media accounts and a reviewed
post, a reading room, the leading group, a training session, and one check run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from . import services
from .audit_actions import OversightAudit
from .choices import AccountStatus, Platform, TaskStatus
from .models import (
    CheckRun,
    GroupMember,
    MediaAccount,
    MediaPost,
    ReadingRoom,
    TaskUnit,
    TrainingSession,
    WorkPlan,
)

DATA = Path(__file__).parent / "data" / "work-plan-2017.json"


def plan_2017() -> services.PlanData:
    """The 2017 plan as carried in the project (derived from the plan's text)."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    due = dt.date.fromisoformat(raw["report_due"])
    tasks = [
        services.TaskData(
            number=t["number"],
            title=t["title"],
            units=t["units"],
            description=t["description"],
            deadline=due,
        )
        for t in raw["tasks"]
    ] + [
        services.TaskData(
            number=100 + i,
            title=g["title"],
            units=g["units"],
            description=g["description"],
            deadline=due,
            is_guarantee=True,
        )
        for i, g in enumerate(raw["guarantees"], start=1)
    ]
    return services.PlanData(
        year=raw["year"],
        title=raw["title"],
        doc_number=raw["doc_number"],
        report_due=due,
        tasks=tasks,
    )


def load(*, now: dt.datetime, out: Any) -> None:
    office = User.objects.get(username="office")
    quality = User.objects.get(username="quality")
    if not WorkPlan.objects.filter(year=2017).exists():
        plan = services.plan_load(data=plan_2017(), by=office, now=now)
        for unit in TaskUnit.objects.filter(task__plan=plan, department__isnull=False):
            if unit.task.number in (3, 7, 9) and unit.name == "产品质量监督处":
                services.progress_report(
                    unit=unit,
                    by=quality,
                    now=now,
                    status=TaskStatus.IN_PROGRESS,
                    text="已按季度公开产品质量监督抽查结果，企业标准自我声明公开推进中。",
                )
            elif unit.task.number in (1, 13, 14) and unit.name == "办公室":
                services.progress_report(
                    unit=unit,
                    by=office,
                    now=now,
                    status=TaskStatus.DONE,
                    text="已完成：专栏、平台检查、依申请公开规范均已落实。",
                )
        out.write(f"  oversight: 2017 plan, {plan.tasks.count()} tasks\n")
    if not ReadingRoom.objects.exists():
        services.record_save(
            obj=ReadingRoom(),
            by=office,
            now=now,
            action=OversightAudit.READING_ROOM_SAVE,
            values={
                "name": "省局政府信息公开查阅室",
                "address": "福州市鼓楼区东大路 行政服务中心一楼",
                "hours": "工作日 上午 8:30–12:00，下午 14:30–17:30（法定节假日除外）",
                "phone": "0591-00000000",
                "order": 1,
            },
        )
    if not GroupMember.objects.exists():
        for i, (name, position, role, duties) in enumerate(
            [
                ("（示例）张某", "局长", "组长", "全面负责政务公开工作"),
                ("（示例）李某", "副局长", "副组长", "分管政务公开，协调重大问题"),
                ("（示例）王某", "办公室主任", "成员", "组织协调、指导推进、监督检查"),
                ("（示例）赵某", "人事教育处处长", "成员", "政务公开培训与绩效考核"),
            ],
            start=1,
        ):
            services.record_save(
                obj=GroupMember(),
                by=office,
                now=now,
                action=OversightAudit.MEMBER_SAVE,
                values={
                    "name": name,
                    "position": position,
                    "group_role": role,
                    "duties": duties,
                    "order": i,
                },
            )
    if not TrainingSession.objects.exists():
        services.record_save(
            obj=TrainingSession(),
            by=office,
            now=now,
            action=OversightAudit.TRAINING_SAVE,
            values={
                "held_on": (now - dt.timedelta(days=40)).date(),
                "topic": "政府信息公开条例与依申请公开答复规范",
                "participants": "办公室 6\n产品质量监督处 4\n执法稽查处 5",
                "public": True,
            },
        )
    if not MediaAccount.objects.exists():
        wechat = services.record_save(
            obj=MediaAccount(),
            by=office,
            now=now,
            action=OversightAudit.ACCOUNT_SAVE,
            values={
                "platform": Platform.WECHAT,
                "name": "质量福建",
                "department": quality.department,
                "status": AccountStatus.ACTIVE,
                "opened_on": dt.date(2016, 3, 1),
            },
        )
        services.record_save(
            obj=MediaAccount(),
            by=office,
            now=now,
            action=OversightAudit.ACCOUNT_SAVE,
            values={
                "platform": Platform.WEIBO,
                "name": "福建质监发布",
                "department": office.department,
                "status": AccountStatus.ACTIVE,
                "opened_on": dt.date(2015, 6, 1),
            },
        )
        assert isinstance(wechat, MediaAccount)
        post = services.media_post_save(
            post=MediaPost(),
            account=wechat,
            by=quality,
            now=now,
            title="冬季取暖器具质量安全消费提示",
            body="选购电暖器请认准CCC认证标志，使用时远离可燃物，人离断电。",
        )
        pub.publishing_submit(obj=post, by=quality, now=now)
        pub.publishing_approve(obj=post, by=office, now=now)
        services.post_three_review_record(
            post=post,
            first="产品质量监督处 工作人员",
            second="产品质量监督处 处长",
            final="公开办 审核员",
            by=office,
            now=now,
        )
        pub.publishing_publish(obj=post, by=office, now=now)
    if not CheckRun.objects.exists():  # the first run of the history, once
        services.check_run(by=office, now=now, links=False)
    out.write(
        "  oversight: accounts, reading room, leading group, training, check run\n"
    )
