"""Demonstration requests: a full demo year (2025) through every branch, and open
cases in the current year, so the workbench shows live clocks and the annual report
for 2025 has every table filled."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model

from gongkai.clocks.selectors import SHANGHAI, work_calendar
from gongkai.core.workcal import WorkCalendar

from . import services
from .models import AnnualReportDraft, FoiRequest
from .services import Application
from .services.report import report_publish

DEMO_YEAR = 2025
USCC = ["91110000600037341L", "121200004013590816", "9115220107837941X1",
        "91310115MA1K3BTP2B", "91350100M000100Y43"]  # fmt: skip
TOPICS = [
    "电梯维保单位名单及维保质量检查结果",
    "电动自行车产品质量监督抽查结果",
    "燃气灶具产品质量监督抽查不合格企业名单",
    "计量器具强制检定机构名单",
    "特种设备安全监察年度报告",
    "食品相关产品生产许可证发放情况",
    "某公司行政处罚决定书",
    "儿童玩具缺陷产品召回信息",
]
OUTCOMES = ["disclosed", "disclosed", "already_public", "partly", "not_held",
            "withheld.third_party", "withheld.process", "needs_creation", "repeated",
            "petition", "not_responsible"]  # fmt: skip
TYPES = ["natural_person"] * 5 + ["commercial", "commercial", "legal_service", "research",
                                  "public_interest", "other_org"]  # fmt: skip


def _id_number(rng: random.Random) -> str:
    body = f"350102{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body += f"{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return (
        body
        + "10X98765432"[
            sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        ]
    )


def _application(rng: random.Random, i: int) -> Application:
    kind = rng.choice(TYPES)
    person = kind == "natural_person"
    return Application(
        applicant_type=kind,
        name=f"演示申请人{i:02d}" if person else f"演示单位{i:02d}",
        id_type="resident_id" if person else "",
        id_number=_id_number(rng) if person else "",
        uscc="" if person else rng.choice(USCC),
        phone=f"1380013{i:04d}",
        email=f"applicant{i}@example.com",
        address=f"福州市鼓楼区演示路{i}号",
        description=rng.choice(TOPICS),
        form=rng.choice(["electronic", "paper"]),
        delivery=rng.choice(["email", "post", "online"]),
    )


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def _case(i: int, day: dt.date, rng: random.Random, office: Any, staff: Any,
          cal: WorkCalendar) -> None:  # fmt: skip
    req, _code = services.request_register(
        application=_application(rng, i), channel=rng.choice(["in_person", "post", "letter", "fax"]),
        received_at=_at(day), department=staff.department, by=office, now=_at(day, 11),
    )  # fmt: skip
    step = i % 7
    t = cal.add_working_days(day, 2)
    if step == 1:  # correction, then corrected
        services.correction_request(
            request=req, text="请写明产品名称和年份", by=staff, now=_at(t)
        )
        t = cal.add_working_days(t, 4)
        services.correction_receive(
            request=req, at=_at(t), text="2024年", by=staff, now=_at(t, 11)
        )
    elif step == 2:  # third-party consultation
        c = services.consultation_send(request=req, kind="third_party", party="相关企业",
                                       question="是否同意公开", by=staff, now=_at(t))  # fmt: skip
        t = cal.add_working_days(t, 8)
        services.consultation_answer(
            consultation=c, answer="同意", at=_at(t), by=staff, now=_at(t, 11)
        )
    elif step == 3:  # extension approved by the office
        t = cal.add_working_days(day, 15)
        services.extension_request(
            request=req, days=15, reason="需调取档案", by=staff, now=_at(t)
        )
        services.extension_approve(request=req, by=office, now=_at(t, 15))
    elif step == 4 and i % 2:  # fee notice not paid → lapsed
        services.fee_notify(
            request=req, method="by_page", quantity=120, by=staff, now=_at(t)
        )
        services.fee_lapse(request=req, by=staff, now=_at(cal.add_working_days(t, 21)))
        return
    elif step == 4:  # fee notice, paid within the period
        services.fee_notify(
            request=req, method="by_page", quantity=60, by=staff, now=_at(t)
        )
        t = cal.add_working_days(t, 5)
        services.fee_receive(request=req, at=_at(t), by=staff, now=_at(t, 11))
    elif step == 5 and i % 3 == 0:  # correction never made → lapsed
        services.correction_request(
            request=req, text="请写明所需信息", by=staff, now=_at(t)
        )
        services.correction_lapse(
            request=req, by=staff, now=_at(cal.add_working_days(t, 16))
        )
        return
    reply = cal.add_working_days(t, rng.randint(3, 12))
    outcome = OUTCOMES[i % len(OUTCOMES)]
    # four-eyes: the department drafts, the office approves the same day
    services.reply_draft(
        request=req, outcome=outcome, reply_text="相关信息见附件。", reasons="依法说明理由",
        referral="福建省统计局 0591-00000000" if outcome == "not_responsible" else "",
        by=staff, now=_at(reply),
    )  # fmt: skip
    services.reply_approve(request=req, by=office, now=_at(reply, 16))
    if outcome.startswith("withheld") and i % 2:
        services.appeal_record(request=req, kind="review", filed_on=reply + dt.timedelta(days=20),
                               result="upheld", decided_on=reply + dt.timedelta(days=80),
                               by=office, now=_at(reply + dt.timedelta(days=81)))  # fmt: skip


def load(*, now: dt.datetime, out: Any) -> None:
    users = get_user_model().objects
    office, staff = (
        users.filter(username="office").first(),
        users.filter(username="quality").first(),
    )
    if office is None or staff is None or staff.department is None:
        out.write("foi: demo users missing; skipped.")
        return
    if AnnualReportDraft.objects.filter(year=DEMO_YEAR).exists():
        out.write("foi: demo requests already loaded.")
        return

    cal, rng = work_calendar(), random.Random(DEMO_YEAR)  # noqa: S311 (demo data)
    day = dt.date(DEMO_YEAR - 1, 12, 15)  # a few carried over into the demo year
    for i in range(36):
        _case(i, day, rng, office, staff, cal)
        day = cal.add_working_days(day, 7)
    today = now.astimezone(SHANGHAI).date()
    for i in range(36, 42):  # open cases this year: live clocks in the inbox
        start = today - dt.timedelta(days=5 + 5 * (i - 36))
        req, _code = services.request_register(
            application=_application(rng, i), channel="in_person",
            received_at=_at(start), department=staff.department, by=office, now=now,
        )  # fmt: skip
        if i > 36:  # found clear the next working day; the newest still awaits that
            checked = min(_at(cal.add_working_days(start, 1)), now)
            services.correction_waive(request=req, by=staff, now=checked)
    services.request_submit(
        application=_application(rng, 42), now=now
    )  # awaiting confirmation
    AnnualReportDraft.objects.create(
        year=DEMO_YEAR,
        overview="本年度，本局依法做好政府信息主动公开和依申请公开工作。",
        problems="依申请公开答复的规范性有待进一步提高。",
        other="",
        t2_entered={"第二十条第（一）项": {"规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 3},
                                       "行政规范性文件": {"本年制发件数": 6, "本年废止件数": 2, "现行有效件数": 41}},
                    "第二十条第（五）项": {"行政许可": {"本年处理决定数量": 1523}},
                    "第二十条第（六）项": {"行政处罚": {"本年处理决定数量": 212},
                                       "行政强制": {"本年处理决定数量": 17}},
                    "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（单位：万元）": 0}}},
    )  # fmt: skip
    # Published in January, as 条例 第四十九条 asks: /foi/reports/ is not empty on
    # the first run, and the next year's report is checked against it.
    published_on = dt.datetime(DEMO_YEAR + 1, 1, 20, 10, tzinfo=SHANGHAI)
    report_publish(year=DEMO_YEAR, by=office, now=min(now, published_on))
    n = FoiRequest.objects.count()
    out.write(
        f"foi: {n} demo requests; annual report {DEMO_YEAR} published (/foi/reports/{DEMO_YEAR}/)."
    )
