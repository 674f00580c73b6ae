"""``gongkai inspections_verify [TASK]``: re-check stored draws (DRAW.md §11).

For every drawn draw (of one task, or all): the auditor's check (a full re-run from
the stored snapshot, compared byte for byte) and the public check of the bundle as
published. Exit status 1 when any draw does not verify.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.draw import DrawInputError, verify
from gongkai.core.draw.bundle import public_verify
from gongkai.inspections.models import Draw
from gongkai.inspections.protocol import draw_input, public_bundle


class Command(BaseCommand):
    help = "Verify stored draws: full re-run and the public bundle checks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "task", nargs="?", help="task number (all tasks when omitted)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        draws = (
            Draw.objects.exclude(output=None)
            .select_related("task")
            .order_by("task__code", "number")
        )
        if opts["task"]:
            draws = draws.filter(task__code=opts["task"])
        failed = 0
        for d in draws.iterator(chunk_size=1):
            try:
                full = verify({"input": draw_input(d), "output": d.output})
            except DrawInputError as exc:
                self.stderr.write(f"{d}: {exc.bilingual()}")
                failed += 1
                continue
            bundle = public_bundle(d)
            public = public_verify(bundle) if bundle["output"] is not None else None
            ok = full.ok and (public is None or public.ok)
            failed += not ok
            line = f"{d}: {'验证通过 / VERIFIED' if ok else '验证失败 / NOT VERIFIED'}"
            self.stdout.write(line + ("" if public else "（公开验证包尚未公布）"))
            for finding in full.findings:
                self.stdout.write(f"  {finding.message()}")
            for problem in public.problems if public else []:
                self.stdout.write(f"  {problem}")
        if failed:
            raise CommandError(f"{failed} 次抽取未通过验证。")
