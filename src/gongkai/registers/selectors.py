"""Reads: public registers and their entries (visible at request time), staff lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet

from gongkai.accounts.choices import Role
from gongkai.publishing.choices import Status

from .models import Entry, ImportRun, Register, RegisterField


def register_list_public(*, now: dt.datetime) -> list[Register]:
    """Active registers with the number of entries visible at ``now``."""
    visible = Q(entries__status=Status.PUBLISHED, entries__publish_at__lte=now) & (
        Q(entries__unpublish_at__isnull=True) | Q(entries__unpublish_at__gt=now)
    )
    return list(
        Register.objects.filter(is_active=True).annotate(
            visible_count=Count("entries", filter=visible)
        )
    )


def register_get(*, slug: str, active_only: bool = True) -> Register | None:
    qs = Register.objects.filter(slug=slug)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.prefetch_related("fields").first()


def filter_fields(register: Register) -> list[RegisterField]:
    return [
        f
        for f in register.fields.all()
        if f.filterable and f.public and f.kind == "enum"
    ]


def entry_list_public(
    *,
    register: Register,
    now: dt.datetime,
    q: str = "",
    filters: Mapping[str, str] | None = None,
) -> QuerySet[Entry]:
    """Visible entries of a register, searched (q) and filtered (enumerations)."""
    qs = Entry.objects.visible(now).filter(register=register)
    if q.strip():
        for term in q.lower().split():
            qs = qs.filter(search_text__contains=term)
    allowed = {f.key: f for f in filter_fields(register)}
    for key, value in (filters or {}).items():
        field = allowed.get(key)
        if field is not None and value in field.options:
            qs = qs.filter(**{f"data__{key}": value})
    return qs.order_by("-publish_at", "-id")


def entry_get_public(*, register: Register, pk: int, now: dt.datetime) -> Entry | None:
    return (
        Entry.objects.visible(now)
        .filter(register=register, pk=pk)
        .prefetch_related("files")
        .first()
    )


def entries_visible_to_staff(
    user: Any, register: Register | None = None
) -> QuerySet[Entry]:
    """The entries (of ``register``, or of every register) ``user`` may see."""
    qs = Entry.objects.select_related("register", "department", "author")
    if register is not None:
        qs = qs.filter(register=register)
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id)


def import_runs_visible_to(user: Any) -> QuerySet[ImportRun]:
    qs = ImportRun.objects.select_related("register", "department")
    if getattr(user, "role", None) in (Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return qs
    department_id = getattr(user, "department_id", None)
    return qs.filter(department_id=department_id) if department_id else qs.none()
