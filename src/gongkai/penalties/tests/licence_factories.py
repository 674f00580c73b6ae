"""Raw licensing-decision records (cells keyed by exchange code)."""

from __future__ import annotations

import itertools
from typing import Any

from gongkai.penalties.tests.factories import AUTHORITY_USCC, ORG_USCCS

_seq = itertools.count(20_001)


def licence_record(**overrides: Any) -> dict[str, Any]:
    """A valid 双公示 行政许可 record: an enterprise licensed on 2026-09-18."""
    n = next(_seq)
    base: dict[str, Any] = {
        "XK_XDR_MC": f"福州市第{n}电线电缆有限公司",
        "XK_XDR_LB": "法人及非法人组织",
        "XK_XDR_SHXYM": ORG_USCCS[n % len(ORG_USCCS)],
        "XK_FRDB": "陈某",
        "XK_XKWS": "工业产品生产许可证准予许可决定书",
        "XK_WSH": f"闽质监许〔2026〕{n}号",
        "XK_XKLB": "普通",
        "XK_XKZS": "全国工业产品生产许可证",
        "XK_XKBH": f"(闽)XK06-001-{n:05d}",
        "XK_NR": "准予电线电缆产品生产许可。",
        "XK_JDRQ": "2026-09-18",
        "XK_YXQZ": "2026-09-18",
        "XK_YXQJZ": "2031-09-17",
        "XK_XKJG": "福建省质量技术监督局",
        "XK_XKJGDM": AUTHORITY_USCC,
        "XK_LYDW": "福建省质量技术监督局",
        "XK_LYDWDM": AUTHORITY_USCC,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def licence_person_record(**overrides: Any) -> dict[str, Any]:
    """A natural person licensed; the ID number must never be public."""
    values: dict[str, Any] = {
        "XK_XDR_MC": "王小明",
        "XK_XDR_LB": "自然人",
        "XK_XDR_SHXYM": None,
        "XK_FRDB": None,
        "XK_XDR_ZJLX": "身份证",
        "XK_XDR_ZJHM": "11010519491231002X",
        "XK_XKWS": "特种设备作业人员资格认定决定书",
        "XK_XKLB": "认可",
        "XK_NR": "认定王小明具备压力容器操作资格。",
    }
    values.update(overrides)
    return licence_record(**values)


def licence_publish(
    *, staff: Any, reviewer: Any, raw: Any = None, now: Any = None
) -> Any:
    """Create, review and publish one licensing decision (the real services)."""
    from gongkai.penalties.licences import services
    from gongkai.publishing import services as pub

    lic = services.licence_create(
        record=raw or licence_record(), department=staff.department, by=staff, now=now
    )
    pub.publishing_submit(obj=lic, by=staff, now=now)
    pub.publishing_approve(obj=lic, by=reviewer, now=now)
    return services.licence_publish(licence=lic, by=reviewer, now=now)
