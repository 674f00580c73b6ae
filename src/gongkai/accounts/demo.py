"""Demonstration departments and staff (the bureau of the 2017 work plan)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .choices import Role
from .models import Department, User

DEPARTMENTS = [
    ("office", "办公室", True),
    ("legal", "法规与行政审批处", False),
    ("enforcement", "执法稽查处", False),
    ("quality", "产品质量监督处", False),
    ("equipment", "特种设备安全监察处", False),
    ("metrology", "计量处", False),
    ("standards", "标准化处", False),
    ("certification", "质量管理与认证处", False),
    ("finance", "计财科技处", False),
    ("personnel", "人事教育处", False),
    ("service-center", "行政服务中心", False),
]

# username, display name, role, department code, password (demo only)
STAFF = [
    ("admin", "系统管理员", Role.ADMIN, "office", "demo-admin-2026"),
    ("office", "公开办 审核员", Role.REVIEWER, "office", "demo-office-2026"),
    ("quality", "产品质量监督处 工作人员", Role.STAFF, "quality", "demo-quality-2026"),
    (
        "enforcement",
        "执法稽查处 工作人员",
        Role.STAFF,
        "enforcement",
        "demo-enforce-2026",
    ),
    ("auditor", "审计人员", Role.AUDITOR, None, "demo-auditor-2026"),
]


def load(*, now: dt.datetime, out: Any) -> None:
    departments = {}
    for order, (code, name, is_office) in enumerate(DEPARTMENTS):
        departments[code], _created = Department.objects.get_or_create(
            code=code, defaults={"name": name, "is_office": is_office, "order": order}
        )
    for username, display, role, dept, password in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display,
                "role": role,
                "department": departments.get(dept) if dept else None,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
    out.write(
        f"Staff: {len(STAFF)} demonstration accounts in {len(DEPARTMENTS)} departments."
    )


def login_lines() -> list[str]:
    """The staff logins, printed last by ``gongkai demo`` so they stay in view."""
    lines = ["Staff logins (demonstration only — change them before real use):"]
    for username, _display, role, _dept, password in STAFF:
        lines.append(f"  {username:<12} {password:<20} {Role(role).label}")
    lines.append(
        "Second factor: off in development. Where it is required"
        " (GONGKAI_REQUIRE_OTP=1, production), each account binds an authenticator"
        " through a one-time link: gongkai accounts enrol-link USERNAME"
    )
    return lines
