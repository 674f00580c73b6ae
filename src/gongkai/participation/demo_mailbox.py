"""Demonstration data: answered public messages (one rated), one overdue message past
the site rule and one past the 3-month red line, proposals of both kinds (one reply
published in full, one as a summary), and an incident with its releases in order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import Department, User
from gongkai.clocks.selectors import SHANGHAI
from gongkai.publishing import services as pub

from .models import Incident, Message, Proposal
from .services import incidents, mailbox, proposals

# (subject, category, days ago received, answered after days or None, public, rated)
MESSAGES: list[tuple[Any, ...]] = [
    ("电动自行车头盔的国家标准是哪一个？", "consult", 40, 3, True, "satisfied"),
    ("商场电梯年检标志过期", "complaint", 25, 6, True, ""),
    ("建议公布加油机计量检定结果", "suggestion", 18, 12, True, ""),
    ("儿童玩具抽检结果在哪里查询？", "consult", 16, None, True, ""),
    ("反映某小区锅炉使用登记问题", "complaint", 120, None, False, ""),
]  # fmt: skip
INCIDENT = "某商场自动扶梯故障致人受伤事件"
BODY = "我是本市居民，手机13800138000，想请贵局答复：{subject}"


def load(*, now: dt.datetime, out: Any) -> None:
    office = User.objects.get(username="office")
    staff = User.objects.get(username="quality")
    quality = Department.objects.get(code="quality")
    equipment = Department.objects.get(code="equipment")
    made = 0
    for subject, category, ago, answer_after, public, rated in MESSAGES:
        if Message.objects.filter(subject=subject).exists():
            continue
        received = now - dt.timedelta(days=ago, hours=3)
        message, _code = mailbox.message_submit(
            category=category,
            subject=subject,
            body=BODY.format(subject=subject),
            name="张三",
            phone="13800138000",
            is_public=public,
            now=received,
        )
        message = mailbox.message_assign(
            message=message,
            department=quality if ago < 100 else equipment,
            by=office,
            now=received + dt.timedelta(hours=2),
        )
        made += 1
        if answer_after is None:
            continue
        mailbox.message_answer(
            message=message,
            answer=f"您好！关于“{subject}”，经核查，相关信息已在本局网站公开，"
            "请在“信息公开目录”中查阅。如有疑问请拨打0591-87654321。",
            by=staff,
            now=received + dt.timedelta(days=answer_after),
        )
        if rated:
            mailbox.message_rate(message=message, satisfaction=rated, now=now)
    year = now.year
    specs = [
        ("deputy", "0012", "关于加强电梯安全监管的建议", "李代表", 120, False),
        ("member", "0105", "关于推进地理标志产品保护的提案", "王委员", 100, True),
        ("deputy", "0031", "关于完善计量惠民服务的建议", "陈代表", 20, None),
    ]
    for kind, number, title, proposer, ago, summary in specs:
        if Proposal.objects.filter(kind=kind, year=year, number=number).exists():
            continue
        assigned = now - dt.timedelta(days=ago)
        p = proposals.proposal_create(
            kind=kind,
            year=year,
            number=number,
            title=title,
            proposer=proposer,
            lead_department=quality,
            co_departments=[equipment],
            assigned_at=assigned,
            by=office,
            now=assigned,
        )
        if summary is None:
            continue
        replied = assigned + dt.timedelta(days=60)
        reply = proposals.proposal_reply(
            proposal=p,
            title=f"对{title}的答复",
            body=f"{proposer}：您提出的《{title}》收悉。我局高度重视，已会同有关处室"
            "研究办理，现答复如下：一、……二、……感谢您对质量技术监督工作的关心和支持。",
            is_summary=summary,
            summary_reason="涉及正在制定的政策，公开摘要" if summary else "",
            by=staff,
            now=replied,
        )
        pub.publishing_submit(obj=reply, by=staff, now=replied)
        pub.publishing_approve(obj=reply, by=office, now=replied, accept_warnings=True)
        pub.publishing_publish(obj=reply, by=office, now=replied)
        proposals.proposal_rate(
            proposal=p, satisfaction="satisfied", by=office, now=now
        )
    out.write(
        f"Participation: {made} messages (answered, overdue, past the red line), "
        "proposals with replies."
    )
    if Incident.objects.filter(title=INCIDENT).exists():
        return
    occurred = (now - dt.timedelta(days=2)).astimezone(SHANGHAI)
    occurred = occurred.replace(hour=23, minute=10, second=0, microsecond=0)
    incident = incidents.incident_create(
        title=INCIDENT,
        kind="major",
        occurred_at=occurred,
        department=equipment,
        summary="事发后我局立即派员赶赴现场，组织开展调查处置。",
        by=office,
        now=occurred,
    )
    for kind, title, hours in (
        ("release", "关于某商场自动扶梯故障的情况通报", 3),
        ("press", "某商场自动扶梯事故新闻发布会", 20),
        ("release", "关于某商场自动扶梯事故调查进展的通报", 30),
    ):
        at = occurred + dt.timedelta(hours=hours)
        incidents.incident_release_add(
            incident=incident, kind=kind, title=title, at=at, by=office, now=at
        )
    out.write("Participation: an incident with its releases.")
