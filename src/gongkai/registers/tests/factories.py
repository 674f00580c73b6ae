"""A small register defined through the service, and spot-check rows."""

from __future__ import annotations

from typing import Any

from gongkai.registers.models import Register
from gongkai.registers.services import FieldInput, register_define


def tea_register(admin: Any, slug: str = "tea-checks") -> Register:
    """A register an administrator defines without code (every field type)."""
    return register_define(
        slug=slug,
        title="茶叶质量抽查",
        by=admin,
        fields=[
            FieldInput("product", "产品名称", "text", required=True, is_title=True),
            FieldInput("producer_uscc", "生产企业代码", "uscc"),
            FieldInput("sampled_on", "抽样日期", "date", required=True),
            FieldInput("fee", "检验费（元）", "money"),
            FieldInput(
                "result",
                "结果",
                "enum",
                required=True,
                options=("合格", "不合格"),
                filterable=True,
            ),
            FieldInput("report_no", "报告编号", "text", required=True, is_key=True),
            FieldInput("notes", "说明", "longtext"),
            FieldInput("report", "检验报告", "file"),
            FieldInput("link", "公告链接", "link"),
            FieldInput("inspector_phone", "检验员电话", "text", public=False),
        ],
    )


def spot_row(n: int, **overrides: Any) -> dict[str, Any]:
    """A valid row of the built-in 产品质量监督抽查结果 register, by field key."""
    row = {
        "product": f"电热水壶{n}",
        "producer": f"福州第{n}电器有限公司",
        "producer_uscc": "91350100M000100Y43",
        "brand": "闽星",
        "model": "MX-1500",
        "batch": "2026-08",
        "result": "不合格" if n % 2 else "合格",
        "failing_items": "泄漏电流" if n % 2 else "",
        "inspecting_body": "福建省产品质量检验研究院",
        "sampling_date": "2026-09-01",
        "report_no": f"FJ2026-{n:04d}",
    }
    row.update(overrides)
    return row
