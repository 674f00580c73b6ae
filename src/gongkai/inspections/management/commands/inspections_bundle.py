"""``gongkai inspections_bundle TASK NUMBER [--auditor]``: write a verification bundle.

The public bundle is checked with ``python -m gongkai.core.draw.bundle``; the auditor's
bundle (snapshot and secret included) with ``python -m gongkai.core.draw --verify``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.common.audit import audit_record
from gongkai.core.jcs import canonical_json
from gongkai.inspections.audit_actions import InspectionsAudit
from gongkai.inspections.models import Draw
from gongkai.inspections.protocol import draw_input, public_bundle


class Command(BaseCommand):
    help = "Write the public (or auditor's) verification bundle of a draw to stdout."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("task")
        parser.add_argument("number", type=int)
        parser.add_argument("--auditor", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        d = Draw.objects.filter(task__code=opts["task"], number=opts["number"]).first()
        if d is None or not d.commit_hash:
            raise CommandError("没有这次已承诺的抽取。")
        if opts["auditor"]:
            if d.output is None:
                raise CommandError("尚未抽取。")
            audit_record(actor="命令行", action=InspectionsAudit.BUNDLE_AUDITOR, obj=d)
            body = canonical_json({"input": draw_input(d), "output": d.output})
        else:
            body = canonical_json(public_bundle(d))
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
