"""Demonstration licensing decisions: enterprises, an individual business and a
natural person (whose ID number must never be public); published ones, one awaiting
review on its 7-working-day clock, one published late, and one withdrawn."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from ..derive import start_of_day, today_in_shanghai
from . import services
from .models import LicenceDecision

AUTHORITY = "福建省市场监督管理局"
AUTHORITY_USCC = "11350000MB0160582M"

# (seq, party, category, uscc, rep, id number, document, category, certificate,
#  content, days ago, years valid, action: publish | late | review | withdraw)
CASES: list[tuple[Any, ...]] = [
    (201, "福州星光电线电缆有限公司", "法人及非法人组织", "91350100M000100Y43", "陈某",
     "", "工业产品生产许可证准予许可决定书", "普通", "全国工业产品生产许可证",
     "准予电线电缆产品生产许可。", 5, 5, "publish"),
    (202, "厦门海湾特种设备检测有限公司", "法人及非法人组织", "91350200MA2Y4K8D0N",
     "林某", "", "特种设备检验检测机构核准决定书", "核准", "特种设备检验检测机构核准证",
     "核准从事承压类特种设备定期检验。", 20, 4, "late"),
    (203, "莆田市荔城区明辉计量器具修理部", "个体工商户", "92350100MA0000000H", "",
     "", "计量器具修理许可决定书", "普通", "", "准予修理衡器。", 12, 3, "publish"),
    (204, "王某某", "自然人", "", "", "11010519491231002X",
     "特种设备作业人员资格认定决定书", "认可", "特种设备安全管理和作业人员证",
     "认定具备压力容器操作资格。", 9, 4, "publish"),
    (205, "南平市闽北建材有限公司", "法人及非法人组织", "91350700509843600C", "郑某",
     "", "工业产品生产许可证准予许可决定书", "普通", "全国工业产品生产许可证",
     "准予水泥产品生产许可。", 40, 5, "withdraw"),
    (206, "宁德市东海电器有限公司", "法人及非法人组织", "91350900573126400Q", "周某",
     "", "检验检测机构资质认定决定书", "认可", "检验检测机构资质认定证书",
     "准予检验检测机构资质认定。", 2, 6, "review"),
]  # fmt: skip


def _record(case: tuple[Any, ...], today: dt.date) -> dict[str, Any]:
    seq, party, category, uscc, rep, id_number, document, kind, cert, content = case[
        :10
    ]
    decided = today - dt.timedelta(days=case[10])
    natural = category == "自然人"
    return {
        "XK_XDR_MC": party,
        "XK_XDR_LB": category,
        "XK_XDR_SHXYM": uscc,
        "XK_FRDB": rep,
        "XK_XDR_ZJLX": "身份证" if natural else "",
        "XK_XDR_ZJHM": id_number,
        "XK_XKWS": document,
        "XK_WSH": f"闽市监许〔{today.year}〕{seq}号",
        "XK_XKLB": kind,
        "XK_XKZS": cert,
        "XK_XKBH": f"(闽)XK{seq:05d}" if cert else "",
        "XK_NR": content,
        "XK_JDRQ": decided.isoformat(),
        "XK_YXQZ": decided.isoformat(),
        "XK_YXQJZ": (decided + dt.timedelta(days=365 * case[11])).isoformat(),
        "XK_XKJG": AUTHORITY,
        "XK_XKJGDM": AUTHORITY_USCC,
        "XK_LYDW": AUTHORITY,
        "XK_LYDWDM": AUTHORITY_USCC,
    }


def load(*, now: dt.datetime, out: Any) -> None:
    author = User.objects.get(username="enforcement")
    office = User.objects.get(username="office")
    today = today_in_shanghai(now)
    made = 0
    for case in CASES:
        raw = _record(case, today)
        if LicenceDecision.objects.filter(decision_number=raw["XK_WSH"]).exists():
            continue
        decided = today - dt.timedelta(days=case[10])
        at = min(now, start_of_day(decided) + dt.timedelta(hours=10))
        lic = services.licence_create(
            record=raw, department=author.department, by=author, now=at
        )
        made += 1
        action = case[12]
        pub.publishing_submit(obj=lic, by=author, now=at)
        if action == "review":
            continue
        pub.publishing_approve(obj=lic, by=office, now=at)
        # "late": published after its 7 working days, so its clock shows overdue.
        delay = dt.timedelta(days=18 if action == "late" else 2)
        lic = services.licence_publish(licence=lic, by=office, now=min(now, at + delay))
        if action == "withdraw":
            services.licence_withdraw(
                licence=lic,
                reason="许可决定依法被撤销。",
                by=office,
                now=now,
            )
    out.write(
        f"Licensing decisions: {made} recorded (published, late, in review, withdrawn)."
    )
