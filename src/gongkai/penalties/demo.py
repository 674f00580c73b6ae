"""Demonstration penalties: enterprises, an individual business and natural persons
(whose ID numbers and addresses must never be public), one warning-only decision (not
publicised), one withdrawn after review, one awaiting review on its clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from . import services
from .derive import start_of_day, today_in_shanghai
from .licences import demo as licence_demo
from .models import Penalty

AUTHORITY = "福建省市场监督管理局"
AUTHORITY_USCC = "11350000MB0160582M"

# (文号 seq, party, category, uscc, rep, id number, types, content, fine, days ago,
#  sector, action) — action: publish | review | withdraw | warning
CASES: list[tuple[Any, ...]] = [
    (101, "福州星光电线电缆有限公司", "法人及非法人组织", "91350100M000100Y43", "陈某",
     "", "罚款；没收违法所得", "罚款人民币5万元，没收违法所得1.2万元。", "5", 12,
     "一般领域", "publish"),
    (102, "厦门海湾食品有限公司", "法人及非法人组织", "91350200791738100P", "林某",
     "", "罚款", "罚款人民币0.8万元。", "0.8", 30, "食品", "publish"),
    (103, "泉州安达特种设备安装有限公司", "法人及非法人组织", "913505006115224004",
     "黄某", "", "罚款；责令停产停业", "罚款人民币10万元，责令停产停业整顿。", "10",
     45, "特种设备", "publish"),
    (104, "莆田市荔城区明辉五金店", "个体工商户", "92350100MA0000000H", "",
     "", "罚款", "罚款人民币0.3万元。", "0.3", 20, "一般领域", "publish"),
    (105, "王某某", "自然人", "", "", "11010519491231002X", "罚款",
     "罚款人民币0.2万元。", "0.2", 8, "一般领域", "publish"),
    (106, "李某", "自然人", "", "", "440524188001010014", "罚款；没收非法财物",
     "罚款人民币1.5万元，没收非法财物。", "1.5", 60, "一般领域", "publish"),
    (107, "漳州市恒信计量器具有限公司", "法人及非法人组织", "91350600764819000D",
     "吴某", "", "警告", "警告。", None, 15, "一般领域", "warning"),
    (108, "南平市闽北建材有限公司", "法人及非法人组织", "91350700509843600C", "郑某",
     "", "罚款", "罚款人民币3万元。", "3", 40, "一般领域", "withdraw"),
    (109, "宁德市东海电器有限公司", "法人及非法人组织", "91350900573126400Q", "周某",
     "", "罚款", "罚款人民币2万元。", "2", 3, "一般领域", "review"),
]  # fmt: skip


def _record(case: tuple[Any, ...], today: dt.date) -> dict[str, Any]:
    seq, party, category, uscc, rep, id_number, types, content, fine = case[:9]
    days, sector = case[9], case[10]
    natural = category == "自然人"
    address = "福州市仓山区某小区3栋502室" if natural else "福建省福州市鼓楼区五四路1号"
    return {
        "CF_XDR_MC": party,
        "CF_XDR_LB": category,
        "CF_XDR_SHXYM": uscc,
        "CF_FRDB": rep,
        "CF_XDR_ZJLX": "身份证" if natural else "",
        "CF_XDR_ZJHM": id_number,
        "CF_WSH": f"闽市监罚字〔{today.year}〕{seq}号",
        "CF_WFXW": "生产、销售不符合保障人体健康和人身、财产安全的国家标准的产品"
        if seq != 103
        else "未经许可从事特种设备安装",
        "CF_SY": f"经监督抽查，当事人{party}的产品经检验不合格，违法事实清楚、证据确凿。",
        "CF_YJ": "《中华人民共和国产品质量法》第四十九条",
        "CF_CFLB": types,
        "CF_NR": content,
        "CF_NR_FK": fine or "",
        "CF_NR_WFFF": "1.2"
        if "没收违法所得" in types
        else ("0.5" if "没收非法财物" in types else ""),
        "CF_JDRQ": (today - dt.timedelta(days=days)).isoformat(),
        "CF_CFJG": AUTHORITY,
        "CF_CFJGDM": AUTHORITY_USCC,
        "CF_SJLY": AUTHORITY,
        "CF_SJLYDM": AUTHORITY_USCC,
        "HYLY": sector,
        "XDR_DZ": address,
        "JDS_QW": f"{AUTHORITY}行政处罚决定书\n当事人：{party}\n"
        f"经查，当事人生产、销售的产品经监督抽查检验不合格。上述行为违反了《中华人民共和国"
        f"产品质量法》的规定。依据该法第四十九条，决定：{content}\n"
        "当事人如不服本处罚决定，可在收到本决定书之日起六十日内向福建省人民政府申请行政复议，"
        "或者在六个月内向人民法院提起行政诉讼。",
    }


def load(*, now: dt.datetime, out: Any) -> None:
    author = User.objects.get(username="enforcement")
    office = User.objects.get(username="office")
    today = today_in_shanghai(now)
    made = 0
    for case in CASES:
        raw = _record(case, today)
        if Penalty.objects.filter(decision_number=raw["CF_WSH"]).exists():
            continue
        decided = today - dt.timedelta(days=case[9])
        at = min(now, start_of_day(decided) + dt.timedelta(hours=10))
        p = services.penalty_create(
            record=raw, department=author.department, by=author, now=at
        )
        made += 1
        action = case[11]
        pub.publishing_submit(obj=p, by=author, now=at)
        if action in ("review", "warning"):
            continue
        pub.publishing_approve(obj=p, by=office, now=at)
        publish_at = min(now, at + dt.timedelta(days=3))
        p = services.penalty_publish(penalty=p, by=office, now=publish_at)
        if action == "withdraw":
            services.penalty_withdraw(
                penalty=p,
                kind="revoked",
                changed_on=today,
                reason="经行政复议，原处罚决定被撤销。",
                by=office,
                now=now,
            )
    # 行政许可 双公示, the other half of the module.
    licence_demo.load(now=now, out=out)
    out.write(
        f"Penalties: {made} recorded (published, under review, warning-only, "
        "withdrawn)."
    )
