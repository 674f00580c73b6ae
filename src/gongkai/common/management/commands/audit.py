"""``gongkai audit verify``: check the whole audit hash chain, report the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.common.audit import audit_verify
from gongkai.common.models import AuditEvent


class Command(BaseCommand):
    help = "Audit trail tools: verify the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if result.ok:
            self.stdout.write(
                f"OK: audit chain intact, {result.checked} events verified."
            )
            return
        event = AuditEvent.objects.filter(seq=result.first_broken).first()
        where = (
            f"#{event.seq} {event.occurred_at.isoformat()} {event.action} "
            f"{event.object_type}:{event.object_id} ({event.object_repr})"
            if event
            else f"#{result.first_broken} (missing, 记录缺失)"
        )
        raise CommandError(
            f"BROKEN: first broken event {where}: {result.reason} "
            f"({result.checked} events checked)"
        )
