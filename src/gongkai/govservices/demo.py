"""Demonstration service guides of a provincial quality-and-technical-supervision
bureau (all four online levels), a power list with two rounds of adjustments, one
incomplete draft guide, and intermediary services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import Department, User
from gongkai.publishing import services as pub

from . import services
from .models import IntermediaryService, PowerItem, ServiceItem, pack_forms

BUREAU_USCC = "113500000035942507"
BODY = "福建省市场监督管理局"
ONLINE = "https://zwfw.fujian.gov.cn/"
PLACE = "福州市鼓楼区东大路某号 省政务服务中心二楼质监窗口"
HOURS = "工作日 上午8:30-12:00，下午14:30-17:30（法定节假日除外）"
CONSULT, COMPLAINT = "0591-87000001", "0591-87000002"

# name, basic code, theme, department, type, audience, level, visits, statutory,
# promised, forms, charged, materials
# fmt: off
ITEMS: list[tuple[Any, ...]] = [
    ("计量器具型式批准", "000172007000", "计量", "metrology", "licensing", "organisation", "4", 0,
     (20, "working_day"), (15, "working_day"), ["online"], False,
     ["计量器具型式批准申请书", "计量器具样机照片", "产品标准（含检验方法）", "总装图、电路图和主要零部件图"]),
    ("计量标准器具核准（计量标准考核）", "000172002000", "计量", "metrology", "licensing", "organisation", "3", 1,
     (20, "working_day"), (10, "working_day"), ["window", "online"], False,
     ["计量标准考核（复查）申请书", "计量标准技术报告", "计量标准器及配套设备检定证书复印件"]),
    ("特种设备生产单位许可", "000172014000", "特种设备", "equipment", "licensing", "organisation", "3", 1,
     (30, "working_day"), (20, "working_day"), ["window", "online"], False,
     ["特种设备生产许可申请书", "营业执照", "质量保证体系文件", "鉴定评审报告"]),
    ("特种设备作业人员资格认定", "000172016000", "特种设备", "equipment", "licensing", "person", "2", 1,
     (20, "working_day"), (15, "working_day"), ["window"], True,
     ["特种设备作业人员资格申请表", "身份证明", "近期一寸正面免冠照片", "学历证明"]),
    ("工业产品生产许可证核发", "000172011000", "产品质量", "quality", "licensing", "organisation", "4", 0,
     (60, "day"), (20, "working_day"), ["online"], False,
     ["工业产品生产许可证申请书", "营业执照", "产品检验报告"]),
    ("检验检测机构资质认定", "000172005000", "检验检测", "certification", "licensing", "organisation", "4", 0,
     (20, "working_day"), (10, "working_day"), ["online"], False,
     ["检验检测机构资质认定申请书", "典型检验检测报告", "法人证明文件", "管理体系文件"]),
    ("计量授权", "000172003000", "计量", "metrology", "licensing", "organisation", "2", 0,
     (20, "working_day"), (15, "working_day"), ["window", "mail"], False,
     ["计量授权申请书", "计量标准考核证书复印件", "检定人员能力证明"]),
    ("地方标准制定项目立项申请", "000172020000", "标准化", "standards", "public_service", "both", "1", 1,
     (30, "day"), (20, "day"), ["window"], False,
     ["地方标准立项申请书", "标准草案或大纲"]),
    ("计量纠纷仲裁检定", "000172009000", "计量", "metrology", "adjudication", "both", "2", 1,
     (20, "working_day"), (15, "working_day"), ["window"], True,
     ["仲裁检定申请书", "纠纷双方的身份证明", "有关计量器具的说明"]),
    ("移动式压力容器充装许可", "000172015000", "特种设备", "equipment", "licensing", "organisation", "3", 1,
     (30, "working_day"), (20, "working_day"), ["window", "online"], False,
     ["充装许可申请书", "充装质量保证体系文件", "安全管理人员和作业人员资格证书"]),
    ("产品质量违法行为举报奖励", "000172030000", "产品质量", "quality", "reward", "person", "2", 0,
     (60, "day"), (30, "day"), ["mail"], False,
     ["举报奖励申请表", "身份证明", "银行账户信息"]),
    ("注册计量师职业资格注册", "000172004000", "计量", "metrology", "licensing", "person", "4", 0,
     (20, "working_day"), (5, "working_day"), ["online"], False,
     ["注册计量师注册申请表", "职业资格证书", "聘用单位证明"]),
]
# fmt: on


def _values(row: tuple[Any, ...]) -> dict[str, Any]:
    (
        name,
        basic,
        theme,
        _dept,
        kind,
        audience,
        level,
        visits,
        stat,
        prom,
        forms,
        charged,
        _m,
    ) = row
    values: dict[str, Any] = {
        "name": name,
        "basic_code": basic,
        "implementation_code": f"{basic}00-350000000000-000-{BUREAU_USCC}-1-00",
        "item_type": kind,
        "legal_basis": "《中华人民共和国计量法》《中华人民共和国特种设备安全法》《中华人民共和国行政许可法》等有关规定",
        "implementing_body": BODY,
        "theme": theme,
        "audience": audience,
        "accept_conditions": "申请人具备法律、法规规定的条件，申请材料齐全、符合法定形式。",
        "procedure": "申请—受理—审查（技术评审）—决定—送达。材料不全的，一次性告知需要补正的全部内容。",
        "statutory_limit": stat[0],
        "statutory_unit": stat[1],
        "promised_limit": prom[0],
        "promised_unit": prom[1],
        "visits": visits,
        "handling_type": "promised",
        "handling_forms": pack_forms(forms),
        "online_level": level,
        "online_address": ONLINE if level in ("2", "3", "4") else "",
        "charged": charged,
        "place": PLACE,
        "hours": HOURS,
        "consult_phone": CONSULT,
        "complaint_phone": COMPLAINT,
        "result_name": f"{name}决定书",
    }
    if charged:
        values.update(
            fee_items="考核费或检定费，按物价部门核定的标准收取",
            fee_basis="《福建省物价局 福建省财政厅关于质监系统行政事业性收费标准的通知》",
            online_payment="yes",
        )
    return values


# code, name, type, department, responsibilities
# fmt: off
POWERS: list[tuple[str, str, str, str]] = [
    ("350217001000", "计量器具型式批准", "licensing", "metrology"),
    ("350217002000", "计量标准器具核准", "licensing", "metrology"),
    ("350217003000", "特种设备生产单位许可", "licensing", "equipment"),
    ("350217004000", "特种设备作业人员资格认定", "licensing", "equipment"),
    ("350217005000", "工业产品生产许可证核发", "licensing", "quality"),
    ("350217006000", "检验检测机构资质认定", "licensing", "certification"),
    ("350217007000", "计量器具新产品样机试验单位确定", "licensing", "metrology"),
    ("350227001000", "对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的处罚", "penalty", "enforcement"),
    ("350247001000", "对特种设备生产、经营、使用单位的监督检查", "inspection", "equipment"),
]
# fmt: on


def _power_values(name: str, kind: str) -> dict[str, str]:
    return {
        "name": name,
        "power_type": kind,
        "legal_basis": "《中华人民共和国计量法》《中华人民共和国特种设备安全法》《中华人民共和国产品质量法》",
        "responsibilities": "1.受理责任：公示应当提交的材料，一次性告知补正材料。\n2.审查责任：依法审查申请材料。\n3.决定责任：作出决定并说明理由。\n4.事后监管责任：依法开展监督检查。",
        "accountability": "对符合法定条件的申请不予受理的；对不符合法定条件的申请人准予许可的。",
    }


DRAFT = {
    "name": "制造、修理计量器具许可（草稿）",
    "item_type": "licensing",
    "online_level": "4",
    "visits": 1,
    "consult_phone": CONSULT,
    "complaint_phone": CONSULT,
}


def load(*, now: dt.datetime, out: Any) -> None:
    author = User.objects.get(username="admin")
    office = User.objects.get(username="office")
    departments = {d.code: d for d in Department.objects.all()}
    made = 0
    for row in ITEMS:
        values = _values(row)
        if ServiceItem.objects.filter(
            implementation_code=values["implementation_code"]
        ).exists():
            continue
        item = services.service_create(
            values=values, department=departments[row[3]], by=author, now=now
        )
        for name in row[12]:
            services.material_add(item=item, name=name, by=author, now=now)
        services.service_submit(item=item, by=author, now=now)
        services.service_approve(item=item, by=office, now=now)
        services.service_publish(item=item, by=office, now=now)
        made += 1
    draft_code = f"00017204000000-350000000000-000-{BUREAU_USCC}-1-00"
    if not ServiceItem.objects.filter(implementation_code=draft_code).exists():
        # An incomplete draft: the workbench lists what it still lacks.
        services.service_create(
            values={
                "name": "制造、修理计量器具许可（草稿）",
                "item_type": "licensing",
                "implementation_code": draft_code,
                "online_level": "4",
                "visits": 1,
                "consult_phone": CONSULT,
                "complaint_phone": CONSULT,
            },
            department=departments["metrology"],
            by=author,
            now=now,
        )
    powers = _load_powers(now=now, author=author, departments=departments)
    inter = _load_intermediaries(
        now=now, author=author, office=office, departments=departments
    )
    out.write(
        f"Government services: {made} guides published, {powers} power items, "
        f"{inter} intermediary services."
    )


def _load_powers(*, now: dt.datetime, author: Any, departments: dict[str, Any]) -> int:
    if PowerItem.objects.exists():
        return 0
    today = now.date()
    first = today - dt.timedelta(days=540)
    second = today - dt.timedelta(days=300)
    third = today - dt.timedelta(days=60)
    y1, y2 = first.year, second.year
    items = {}
    for code, name, kind, dept in POWERS:
        items[code] = services.power_item_create(
            code=code,
            values=_power_values(name, kind),
            department=departments[dept],
            kind="retain",
            effective_on=first,
            doc_number=f"闽市监法〔{y1}〕12号",
            reason="公布省质监局权责清单",
            by=author,
            now=now,
        )
    # First round: cancel one licensing item, delegate another, add a new one.
    services.power_adjust(
        item=items["350217007000"], kind="cancel", effective_on=second,
        doc_number=f"闽政〔{y2}〕18号", reason="国务院决定取消该行政许可事项",
        by=author, now=now,
    )  # fmt: skip
    services.power_adjust(
        item=items["350217004000"], kind="delegate", effective_on=second,
        doc_number=f"闽政〔{y2}〕18号", reason="下放至设区市实施，方便申请人就近办理",
        delegated_to="设区市市场监督管理局", by=author, now=now,
    )  # fmt: skip
    services.power_item_create(
        code="350217008000",
        values=_power_values("注册计量师职业资格注册", "licensing"),
        department=departments["metrology"],
        kind="add",
        effective_on=second,
        doc_number=f"闽政〔{y2}〕18号",
        reason="依据《注册计量师职业资格制度规定》新增",
        by=author,
        now=now,
    )
    # Second round: take over an item from the national level, change one.
    services.power_item_create(
        code="350217009000",
        values=_power_values("移动式压力容器充装许可", "licensing"),
        department=departments["equipment"],
        kind="take_over",
        effective_on=third,
        doc_number="市场监管总局公告2025年第16号",
        reason="承接国家市场监督管理总局下放的许可事项",
        delegated_to="国家市场监督管理总局",
        by=author,
        now=now,
    )
    services.power_adjust(
        item=items["350217005000"], kind="change", effective_on=third,
        doc_number=f"闽市监法〔{third.year}〕3号",
        reason="依据修订后的《工业产品生产许可证管理条例实施办法》调整实施依据",
        values={"legal_basis": "《工业产品生产许可证管理条例》《工业产品生产许可证管理条例实施办法》（总局令第18号）"},
        by=author, now=now,
    )  # fmt: skip
    return PowerItem.objects.count()


INTERMEDIARIES = [
    {"name": "特种设备安装改造维修告知前的监督检验", "approval": "特种设备生产单位许可",
     "providers": "具备资质的特种设备检验机构", "charging": "government_price",
     "basis": "《中华人民共和国特种设备安全法》第二十五条"},
    {"name": "工业产品生产许可证产品检验", "approval": "工业产品生产许可证核发",
     "providers": "取得资质认定的检验检测机构", "charging": "market_price",
     "basis": "《工业产品生产许可证管理条例》"},
]  # fmt: skip


def _load_intermediaries(
    *, now: dt.datetime, author: Any, office: Any, departments: dict[str, Any]
) -> int:
    made = 0
    for row in INTERMEDIARIES:
        if IntermediaryService.objects.filter(name=row["name"]).exists():
            continue
        obj = services.intermediary_create(
            values=row, department=departments["legal"], by=author, now=now
        )
        pub.publishing_submit(obj=obj, by=author, now=now)
        pub.publishing_approve(obj=obj, by=office, now=now)
        pub.publishing_publish(obj=obj, by=office, now=now)
        made += 1
    return made
