"""``gongkai imports work``: import the queued spreadsheets now.

Large uploads in the workbench (penalties, registers) are queued rather than
imported inside the request, and a background task imports each (``gongkai
db_worker``). This command does the same for every queued run, and also takes back
runs whose worker died (no progress for 10 minutes) and resumes them: run it after
a crash, from cron, or instead of the task worker. ``--once`` exits when the queue
is empty.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.common.importing import imports_work_once


class Command(BaseCommand):
    help = "导入队列：imports work（处理工作台排队的 Excel/CSV 导入）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        work = sub.add_parser("work", help="处理排队的导入")
        work.add_argument("--once", action="store_true", help="处理完当前队列即退出")
        work.add_argument(
            "--interval", type=float, default=2.0, help="空闲时轮询间隔（秒）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            done = imports_work_once()
            while done:
                for run in done:
                    self.stdout.write(
                        f"{run._meta.label} #{run.pk} {run.file_name}：{run.get_state_display()}，"
                        f"新增 {run.created}，更新 {run.updated}，未变化 {run.unchanged}，"
                        f"错误 {run.failed}"
                    )
                done = imports_work_once()
            if options["once"]:
                return
            time.sleep(options["interval"])
