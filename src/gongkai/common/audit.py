"""``audit_record``: the one way every service writes the audit trail.

Events form a hash chain (core/audit): each event's hash covers the previous hash and
the event's canonical JSON payload. Appending locks the single ``AuditHead`` row, so
the chain stays linear under concurrent writers on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import uuid
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gongkai.core import audit as chain

from .context import request_id_var
from .models import AuditEvent, AuditHead


def jsonable(value: Any) -> Any:
    """Convert a value to the canonical-JSON profile (no floats, no dates, no Decimals)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | float | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def event_payload(event: AuditEvent) -> dict[str, Any]:
    """The hashed content of an event: every column except the hashes themselves."""
    return {
        "seq": event.seq,
        "at": jsonable(event.occurred_at),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "request_id": event.request_id,
    }


def _describe(obj: Any) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        return obj._meta.label_lower, str(obj.pk), str(obj)[:300]
    return type(obj).__name__, "", str(obj)[:300]


class AuditAction(StrEnum):
    """Base of each module's audit event names (``<app>/audit_actions.py``): events
    are named by typed constants, never by strings built on the spot."""


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: Any = None,
    changes: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain (call inside the service's transaction)."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit action must be an AuditAction constant, not {action!r}")
    head, _created = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"seq": 0, "hash": chain.GENESIS_HASH}
    )
    object_type, object_id, object_repr = _describe(obj)
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=now or timezone.now(),
        actor=user,
        actor_name=(user.get_username() if user else (str(actor) if actor else "系统")),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=jsonable(dict(changes or {})),
        request_id=request_id_var.get(),
        prev_hash=head.hash,
    )
    event.hash = chain.event_hash(head.hash, event_payload(event))
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


# Deleting the newest events leaves a chain that is intact by itself; only the head,
# moved by every append, shows that it once went further.
REASON_HEAD = (
    "chain end does not match the audit head: events deleted or replaced at the end"
    "（链尾与审计头不符：末尾记录被删除或替换）"
)


def audit_links(*, upto: int | None = None) -> Iterator[chain.Link]:
    """Stream the chain in order (up to seq ``upto``), as core/audit links."""
    events = AuditEvent.objects.order_by("seq")
    if upto is not None:
        events = events.filter(seq__lte=upto)
    for event in events.iterator(chunk_size=2000):
        yield chain.Link(
            seq=event.seq,
            prev_hash=event.prev_hash,
            hash=event.hash,
            payload=event_payload(event),
        )


def audit_verify() -> chain.VerifyResult:
    """Verify the stored chain against its head; name the first broken or missing event."""
    # The head is read first: events appended while we verify lie beyond it.
    head = AuditHead.objects.filter(pk=1).first()
    intact: list[chain.Link] = []  # the last intact link only (constant memory)

    def links() -> Iterator[chain.Link]:
        for link in audit_links(upto=head.seq if head else None):
            yield link
            # Resumed only when verify asks for the next link: this one was intact.
            intact[:] = [link]

    result = chain.verify(links())
    last_seq, last_hash = (
        (intact[0].seq, intact[0].hash) if intact else (0, chain.GENESIS_HASH)
    )
    if not result.ok:
        if result.reason in (chain.REASON_GAP, chain.REASON_GENESIS):
            # A deleted event: name the first missing one, not the one after the gap.
            return dataclasses.replace(result, first_broken=last_seq + 1)
        return result
    if head is not None and (head.seq, head.hash) != (last_seq, last_hash):
        broken = last_seq + 1 if head.seq > last_seq else head.seq
        return chain.VerifyResult(False, result.checked, broken, REASON_HEAD)
    return result
