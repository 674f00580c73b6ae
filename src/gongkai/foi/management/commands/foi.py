"""``gongkai foi import FILE``: historical information requests (XLSX, CSV or JSONL).

See gongkai/foi/importing.py for the columns. Bad rows are listed with their line
number; good rows are kept. Exit status 1 when any row was refused.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.tabular import TableError
from gongkai.foi.importing import read_records
from gongkai.foi.services.importing import requests_import


class Command(BaseCommand):
    help = "Import historical information requests (XLSX, CSV or JSONL)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
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
