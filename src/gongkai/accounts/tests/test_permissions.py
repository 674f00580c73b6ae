"""Permission predicates by role and department."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.accounts import permissions as perms
from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, object]:
    quality = DepartmentFactory(code="quality", name="产品质量监督处")
    other = DepartmentFactory(code="legal", name="法规处")
    office = DepartmentFactory(code="office", name="办公室", is_office=True)
    return {
        "quality": quality,
        "other": other,
        "staff": UserFactory(role="staff", department=quality),
        "homeless": UserFactory(role="staff", department=None),
        "reviewer": UserFactory(role="reviewer", department=office),
        "admin": UserFactory(role="admin", department=office),
        "auditor": UserFactory(role="auditor", department=None),
        "inactive": UserFactory(role="admin", department=office, is_active=False),
        "anonymous": AnonymousUser(),
    }


def _obj(world: dict[str, object], dept: str | None) -> SimpleNamespace:
    department = world[dept] if dept else None
    return SimpleNamespace(department_id=getattr(department, "pk", None))


@pytest.mark.parametrize(
    ("who", "dept", "expected"),
    [
        ("staff", "quality", True),
        ("staff", "other", False),
        ("staff", None, False),
        ("homeless", None, False),
        ("reviewer", "other", True),
        ("admin", "other", True),
        ("auditor", "quality", False),
        ("inactive", "quality", False),
        ("anonymous", "quality", False),
    ],
)
def test_can_edit_content(
    world: dict, who: str, dept: str | None, expected: bool
) -> None:
    assert perms.can_edit_content(world[who], _obj(world, dept)) is expected


@pytest.mark.parametrize(
    ("who", "review", "audit", "configure", "workbench"),
    [
        ("staff", False, False, False, True),
        ("reviewer", True, True, False, True),
        ("admin", True, True, True, True),
        ("auditor", False, True, False, True),
        ("inactive", False, False, False, False),
        ("anonymous", False, False, False, False),
    ],
)
def test_role_predicates(
    world: dict, who: str, review: bool, audit: bool, configure: bool, workbench: bool
) -> None:
    user = world[who]

    assert (
        perms.can_review_content(user),
        perms.can_view_audit(user),
        perms.can_configure(user),
        perms.can_use_workbench(user),
    ) == (review, audit, configure, workbench)
