"""``gongkai static build [--out DIR]``, ``gongkai static refresh``,
``gongkai static status`` and ``gongkai static tick`` (README "Static publishing").

``build`` renders every anonymous public page into a new tree beside DIR and swaps
the symlink DIR to it (``--jobs N``: in N processes, by default one per CPU);
``refresh`` re-renders the stale pages now (the background task does it after each
change); ``status`` lists the stale pages and the age of the oldest; ``tick``
passes the window edges due and queues the next tick (the worker then keeps it
going).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.publishing import static, static_files


def _out(value: str | None) -> Path:
    chosen = value or settings.GONGKAI_STATIC_SITE_DIR
    if not chosen:
        raise CommandError("请用 --out 指定目录，或设置 GONGKAI_STATIC_SITE_DIR。")
    return Path(chosen).absolute()


class Command(BaseCommand):
    help = "Static publishing: build the page tree, refresh stale pages, status."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build")
        build.add_argument("--out", default=None, help="the tree's symlink path")
        build.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="processes rendering pages (default: the number of CPUs)",
        )
        refresh = sub.add_parser("refresh")
        refresh.add_argument("--out", default=None)
        refresh.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="processes rendering when many pages are stale (default: CPUs)",
        )
        sub.add_parser("status")
        sub.add_parser("tick")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if options.get("jobs", 1) < 1:
            raise CommandError("--jobs 至少为 1。")
        if action == "build":
            self._started = time.monotonic()
            try:
                report = static.static_build(
                    out=_out(options["out"]),
                    jobs=options["jobs"],
                    progress=self._progress if options["verbosity"] > 1 else None,
                )
            except (FileExistsError, FileNotFoundError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"{report.pages} pages × {len(static_files.variants())} variants, "
                f"{report.files} asset files in {report.seconds:.1f} s"
            )
            for path in report.missing:
                self.stdout.write(f"  not public, skipped: {path}")
            static.schedule_tick()
        elif action == "refresh":
            done = static.refresh(out=_out(options["out"]), jobs=options["jobs"])
            self.stdout.write(f"{done} pages refreshed")
        elif action == "tick":
            self.stdout.write(static.static_tick.call())
        else:
            self._status()

    def _progress(self, done: int, total: int) -> None:
        elapsed = time.monotonic() - self._started
        self.stdout.write(f"{done}/{total} pages, {elapsed:.0f} s", ending="\n")
        self.stdout.flush()

    def _status(self) -> None:
        state = static.static_status()
        self.stdout.write(f"{state.pages} pages, {len(state.stale)} stale")
        if state.oldest is not None:
            age = timezone.now() - state.oldest
            self.stdout.write(f"oldest stale for {int(age.total_seconds())} s")
        for path, since in state.stale[:50]:
            self.stdout.write(f"  {since:%Y-%m-%d %H:%M:%S}  {path}")
