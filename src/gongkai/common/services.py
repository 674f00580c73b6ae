"""Writes of the shared kernel: rule values, and a row with a unique key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.common.audit_actions import CommonAudit

from .audit import audit_record
from .errors import GongkaiError, InvalidInputError
from .models import RuleValue
from .rulebook import RULES
from .selectors import rule_value
from .signals import rule_value_changed

T = TypeVar("T")


def insert_unique(
    create: Callable[[], T], *, taken: Callable[[], bool], refusal: GongkaiError
) -> T:
    """``create()`` of a row whose key must be new, or ``refusal`` when ``taken()``.
    The key is looked for first; another writer may store it after that look (or
    had not committed it then: the insert waits for it and fails), and the unique
    index decides. The insert runs in a savepoint, so the caller's transaction
    goes on and the refusal reads as for a key seen at the look, not as a 500."""
    if taken():
        raise refusal
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        if taken():
            raise refusal from None
        raise


@transaction.atomic
def rule_value_set(
    *,
    key: str,
    value: Any,
    valid_from: dt.date,
    by: AbstractBaseUser,
    note: str = "",
    now: dt.datetime | None = None,
) -> RuleValue:
    """Record a rule value in force from ``valid_from``; recompute clocks it affects."""
    spec = RULES.get(key)
    if spec is None:
        raise InvalidInputError(
            _("未知的规则：%(key)s") % {"key": key}, code="rule.unknown"
        )
    try:
        spec.validate(value)
    except ValueError as exc:
        raise InvalidInputError(
            _("“%(title)s”的取值无效：%(reason)s")
            % {"title": spec.title, "reason": exc},
            code="rule.invalid",
        ) from exc
    # The value in force on that day until now: a dated row or the default.
    before = rule_value(key, on=valid_from)
    row, _created = RuleValue.objects.update_or_create(
        key=key,
        valid_from=valid_from,
        defaults={"value": value, "note": note, "created_by": by},
    )
    audit_record(
        actor=by,
        action=CommonAudit.SET,
        obj=row,
        changes={
            "key": key,
            "valid_from": valid_from,
            "before": before,
            "after": value,
        },
        now=now,
    )
    transaction.on_commit(lambda: rule_value_changed.send(sender=RuleValue, key=key))
    return row
