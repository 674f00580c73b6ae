"""Demonstration entries for every built-in register, published by the office, and a
local standard with its full text attached."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from .models import Entry, Register
from .services import entry_attach, entry_create

# fmt: off
ROWS: dict[str, list[dict[str, str]]] = {
    "spot-checks": [
        {"product": "电热水壶", "producer": "福州闽星电器有限公司", "producer_uscc": "91350100M000100Y43",
         "brand": "闽星", "model": "MX-1500", "batch": "2026-07", "result": "不合格",
         "failing_items": "泄漏电流和电气强度", "inspecting_body": "福建省产品质量检验研究院",
         "sampling_date": "2026-08-12", "report_no": "FJZJ2026-0001"},
        {"product": "儿童服装", "producer": "泉州童悦服饰有限公司", "producer_uscc": "91350500MA32T6Q819",
         "brand": "童悦", "model": "110cm", "batch": "20260705", "result": "合格",
         "inspecting_body": "福建省纤维检验中心", "sampling_date": "2026-08-20",
         "report_no": "FJZJ2026-0002"},
        {"product": "电线电缆", "producer": "厦门海湾电缆有限公司", "producer_uscc": "9115220107837941X1",
         "brand": "海湾", "model": "BV 2.5mm²", "batch": "2026-06", "result": "不合格",
         "failing_items": "导体电阻", "inspecting_body": "福建省产品质量检验研究院",
         "sampling_date": "2026-09-02", "report_no": "FJZJ2026-0003"},
    ],
    "recalls": [
        {"recall_no": "FJ-RC-2026-01", "product": "儿童滑板车", "producer": "漳州乐行玩具有限公司",
         "category": "儿童用品", "defect": "折叠锁紧装置在使用中可能松脱，存在摔倒风险。",
         "scope": "2025年3月至2026年5月生产的 LX-200 型，共 3,200 辆", "measures": "免费更换锁紧装置",
         "start_date": "2026-09-10", "notice": "https://www.samr.gov.cn/"},
    ],
    "violations": [
        {"party": "南平市闽北建材有限公司", "uscc": "91310115MA1K3BTP2B",
         "violation": "生产不符合国家标准的建筑用钢筋", "handling": "责令改正，罚款3万元",
         "decision_number": "闽质监罚字〔2026〕88号", "decided_on": "2026-07-15"},
    ],
    "famous-brands": [
        {"product": "乌龙茶", "enterprise": "安溪铁观音茶业有限公司", "certificate_no": "FJMP-2026-001",
         "awarded_on": "2026-01-15", "valid_until": "2028-12-31"},
    ],
    "geographical-indications": [
        {"name": "武夷岩茶", "region": "福建省武夷山市所辖行政区域", "announcement": "国家质检总局公告2002年第9号",
         "approved_on": "2002-03-01", "users": "武夷山市岩茶生产企业（名单见附件）"},
    ],
    "enterprise-standards": [
        {"standard_no": "Q/FJMX 001-2026", "standard_name": "电热水壶", "enterprise": "福州闽星电器有限公司",
         "uscc": "91350100M000100Y43", "declared_on": "2026-03-01",
         "link": "https://www.cpbz.gov.cn/"},
    ],
    "local-standards": [
        {"standard_no": "DB35/T 2001-2026", "name": "乌龙茶加工技术规范", "issued_on": "2026-05-10",
         "effective_on": "2026-08-10", "status": "现行"},
    ],
    "overcapacity": [
        {"title": "关于钢铁行业化解过剩产能企业名单的公告", "industry": "钢铁",
         "doc_number": "闽质监〔2017〕45号", "announced_on": "2017-06-20",
         "content": "根据国家有关要求，现将本省钢铁行业化解过剩产能涉及企业名单予以公告。"},
    ],
    "fees": [
        {"item": "计量器具检定费", "standard": "按国家规定标准收取", "amount": "120",
         "basis": "国家计委、财政部有关收费标准文件", "collector": "福建省计量科学研究院",
         "income_line": "行政事业性收费收入"},
    ],
    "leading-group": [
        {"name": "张某", "position": "局长", "group_role": "组长", "duty": "全面负责政务公开工作"},
        {"name": "李某", "position": "副局长", "group_role": "副组长", "duty": "分管政务公开日常工作"},
        {"name": "王某", "position": "办公室主任", "group_role": "成员", "duty": "组织协调、审核把关"},
    ],
}
# fmt: on

FULL_TEXT = (
    "DB35/T 2001-2026 乌龙茶加工技术规范\n\n1 范围\n本标准规定了乌龙茶加工的术语、"
    "基本要求、加工工艺和质量要求。\n"
)


def load(*, now: dt.datetime, out: Any) -> None:
    author = User.objects.get(username="quality")
    office = User.objects.get(username="office")
    made = 0
    for slug, rows in ROWS.items():
        register = Register.objects.get(slug=slug)
        for row in rows:
            values = dict(row)
            key_fields = [f.key for f in register.fields.all() if f.is_key]
            probe = " | ".join(values.get(k, "") for k in key_fields)
            if Entry.objects.filter(register=register, key=probe).exists():
                continue
            entry = entry_create(
                register=register,
                record=values,
                department=author.department,
                by=author,
                now=now,
            )
            if slug == "local-standards":
                upload = ContentFile(FULL_TEXT.encode(), name="DB35-T-2001-2026.txt")
                entry_attach(
                    entry=entry,
                    field_key="full_text",
                    upload=upload,
                    by=author,
                    now=now,
                )
            pub.publishing_submit(obj=entry, by=author, now=now)
            pub.publishing_approve(obj=entry, by=office, now=now)
            pub.publishing_publish(obj=entry, by=office, now=now)
            made += 1
    out.write(f"Registers: {made} entries published across the built-in registers.")
