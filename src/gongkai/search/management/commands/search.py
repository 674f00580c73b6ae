"""``gongkai search reindex [--kind documents.document ...]``: rebuild the search index."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.search import registry
from gongkai.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the site search index from every registered source."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex")
        reindex.add_argument("--kind", action="append", default=[])

    def handle(self, *args: Any, **options: Any) -> None:
        known = {s.kind for s in registry.sources()}
        unknown = set(options["kind"]) - known
        if unknown:
            raise CommandError(
                f"未注册的类型：{', '.join(sorted(unknown))}（可选：{', '.join(sorted(known))}）"
            )
        started = time.perf_counter()
        counts = search_reindex(kinds=options["kind"] or None)
        for kind, n in counts.items():
            self.stdout.write(f"{kind}: {n}")
        self.stdout.write(f"索引完成，用时 {time.perf_counter() - started:.1f} 秒。")
