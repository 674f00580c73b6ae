"""Reads about departments that every module's staff pages share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .choices import Role
from .models import Department


def departments_for(user: Any) -> QuerySet[Department]:
    """The active departments ``user`` may record or import for: their own for
    department staff, all of them for the office and administrators."""
    qs = Department.objects.filter(is_active=True)
    if user.role == Role.STAFF:
        return qs.filter(pk=user.department_id)
    return qs


def department_chosen(user: Any, value: str | None) -> Department | None:
    """The department of ``departments_for(user)`` a form's ``value`` names, or None
    for anything else (not a number, too large, not theirs)."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return departments_for(user).filter(pk=int(value)).first()
