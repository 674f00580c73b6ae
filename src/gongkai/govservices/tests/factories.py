"""Guides, materials, power items and intermediary services for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.govservices.models import (
    Adjustment,
    IntermediaryService,
    Material,
    PowerItem,
    ServiceItem,
)

USCC = "113500000035942507"
CODE = f"00017200700000-350000000000-000-{USCC}-1-00"

COMPLETE: dict[str, Any] = {
    "name": "计量器具型式批准",
    "basic_code": "000172007000",
    "implementation_code": CODE,
    "item_type": "licensing",
    "legal_basis": "《中华人民共和国计量法》第十三条",
    "implementing_body": "福建省质量技术监督局",
    "theme": "计量",
    "audience": "organisation",
    "accept_conditions": "申请人为计量器具制造单位",
    "procedure": "申请—受理—审查—决定",
    "statutory_limit": 20,
    "statutory_unit": "working_day",
    "promised_limit": 15,
    "promised_unit": "working_day",
    "visits": 0,
    "handling_type": "promised",
    "handling_forms": ",online,",
    "online_level": "4",
    "online_address": "https://zwfw.fujian.gov.cn/",
    "charged": False,
    "place": "福州市鼓楼区某路1号",
    "hours": "工作日 8:30-17:30",
    "consult_phone": "0591-87000001",
    "complaint_phone": "0591-87000002",
}


def service(
    *, department: Any, author: Any, materials: int = 1, **changes: Any
) -> ServiceItem:
    """A guide (complete unless ``changes`` break it), a draft by default."""
    item = ServiceItem.objects.create(
        department=department, author=author, **{**COMPLETE, **changes}
    )
    for i in range(materials):
        Material.objects.create(service=item, name=f"申请材料{i + 1}", order=i)
    return item


def published(
    *,
    department: Any,
    author: Any,
    reviewer: Any,
    now: dt.datetime | None = None,
    **changes: Any,
) -> ServiceItem:
    item = service(department=department, author=author, **changes)
    item.status, item.reviewer = "published", reviewer
    item.publish_at = now or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    item.save()
    return item


def power(
    *,
    code: str,
    department: Any,
    kind: str = "retain",
    on: dt.date = dt.date(2025, 3, 1),
    name: str = "",
    power_type: str = "licensing",
) -> PowerItem:
    item = PowerItem.objects.create(
        code=code, name=name or f"事项{code}", power_type=power_type,
        legal_basis="某法", department=department, responsibilities="受理责任",
    )  # fmt: skip
    Adjustment.objects.create(
        item=item, kind=kind, effective_on=on, snapshot=item.snapshot(),
        doc_number="闽质监法〔2025〕12号", recorded_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    return item


def intermediary(
    *, department: Any, author: Any, **changes: Any
) -> IntermediaryService:
    values = {"name": "特种设备监督检验", "approval": "特种设备生产单位许可",
              "providers": "检验机构", "charging": "government_price", "basis": "特种设备安全法"}  # fmt: skip
    return IntermediaryService.objects.create(
        department=department, author=author, **{**values, **changes}
    )
