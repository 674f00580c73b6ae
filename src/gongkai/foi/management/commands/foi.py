"""``gongkai foi import FILE``: historical information requests (XLSX, CSV or JSONL).
``gongkai foi lapse [--dry-run]``: close the cases deemed withdrawn by law.

import: see gongkai/foi/importing.py for the columns. Bad rows are listed with their
line number; good rows are kept. Exit status 1 when any row was refused.

lapse (for a daily scheduler): a correction not made within its period (条例 第三十条)
or a fee not paid within 20 working days (国办函〔2020〕109号) means the application is
deemed withdrawn; each such case is closed with its letter, as the system. Once a
year has ended it also opens the clock of that year's annual report (条例 第四十九条:
published by 31 January), shown in the office's inbox.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.clocks.selectors import SHANGHAI
from gongkai.core.tabular import TableError
from gongkai.foi.importing import read_records
from gongkai.foi.selectors import lapsed_requests
from gongkai.foi.services import correction_lapse, fee_lapse
from gongkai.foi.services.importing import requests_import
from gongkai.foi.services.report import report_clock_open


class Command(BaseCommand):
    help = "Import historical information requests (XLSX, CSV or JSONL)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("file", type=Path)
        lapse = sub.add_parser("lapse")
        lapse.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "lapse":
            self._lapse(dry_run=options["dry_run"])
            return
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            records = read_records(path.read_bytes(), path.name)
            created, errors = requests_import(
                records=records, by=None, source=path.name
            )
        except TableError as exc:
            raise CommandError(f"无法读取 {path}：{exc}") from exc
        for line, message in errors:
            self.stdout.write(f"第 {line} 行：{message}")
        self.stdout.write(f"已导入 {created} 件，未导入 {len(errors)} 行。")
        if errors:
            sys.exit(1)

    def _lapse(self, *, dry_run: bool) -> None:
        from django.utils import timezone

        now = timezone.now()
        closing = {"correction": correction_lapse, "fee": fee_lapse}
        n = 0
        for request, kind in lapsed_requests(now=now):
            self.stdout.write(
                f"{request.tracking_number}：{'逾期不补正' if kind == 'correction' else '逾期未缴费'}"
            )
            if not dry_run:
                closing[kind](request=request, by=None, now=now)
            n += 1
        self.stdout.write(f"{'将' if dry_run else '已'}终止办理 {n} 件。")
        if not dry_run:
            year = now.astimezone(SHANGHAI).year - 1  # the local new year
            clock = report_clock_open(year=year, now=now)
            if clock is not None:
                last = clock.due_at.astimezone(SHANGHAI) - dt.timedelta(seconds=1)
                self.stdout.write(f"{clock.title}：须于 {last:%Y-%m-%d} 前公布")
