"""``gongkai search reindex [--kind documents.document ...]``: rebuild the search index.

``gongkai search stats``: rebuild the ranking statistics (each word's document
frequency, the number and average length of entries); run it nightly from cron.

``gongkai search indexes``: create the full-text structures that are missing, e.g.
the RUM index on PostgreSQL once the ``rum`` extension has been installed.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from gongkai.search import registry
from gongkai.search.backends import backend_for, has_rum
from gongkai.search.services import search_reindex, search_stats_refresh


class Command(BaseCommand):
    help = "Rebuild the site search index from every registered source."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex")
        reindex.add_argument("--kind", action="append", default=[])
        sub.add_parser("stats")
        sub.add_parser("indexes")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "indexes":
            backend = backend_for()
            backend.install(connection)
            rum = connection.vendor == "postgresql" and has_rum()
            self.stdout.write(
                f"全文索引已就绪（{connection.vendor}"
                f"{'，含 RUM 索引' if rum else ''}）。"
            )
            return
        if options["action"] == "stats":
            started = time.perf_counter()
            stats = search_stats_refresh()
            self.stdout.write(
                f"统计已更新：{stats.entries} 条，平均 {stats.average_length:.0f} 词，"
                f"用时 {time.perf_counter() - started:.1f} 秒。"
            )
            return
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
