"""``gongkai report annual --year YYYY --format json|docx|xlsx|html [--output FILE]``
and ``gongkai report check FILE.json``: the annual report (条例 第四十九条、第五十条).

``check`` validates any report in the published JSON form (official labels as keys)
against the consistency rules of RULES.md §2.3/§2.4; with ``--previous LAST.json`` it
also checks the cross-year rule. Exit status 1 when a rule fails.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.common.converters import year_argument
from gongkai.core import jsondepth
from gongkai.core import report_tables as rt
from gongkai.foi.report.build import annual_report, report_problems
from gongkai.foi.report.render import to_docx, to_html, to_json, to_xlsx


class Command(BaseCommand):
    help = "Generate the annual report of a year, or check a report's JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual")
        annual.add_argument("--year", type=year_argument, required=True)
        annual.add_argument(
            "--format", choices=["json", "docx", "xlsx", "html"], default="json"
        )
        annual.add_argument("--output", type=Path)
        check = sub.add_parser("check")
        check.add_argument("file", type=Path)
        check.add_argument("--previous", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options["file"], options.get("previous"))
            return
        report = annual_report(options["year"])
        fmt = options["format"]
        if fmt == "html":
            body = to_html(report, report_problems(report))
        else:
            body = {"json": to_json, "docx": to_docx, "xlsx": to_xlsx}[fmt](report)
        if options.get("output"):
            options["output"].write_bytes(body)
            self.stdout.write(f"已写入 {options['output']}")
        elif fmt in ("json", "html"):
            self.stdout.write(body.decode())
        else:
            raise CommandError("docx/xlsx 格式请用 --output 指定文件")

    def _load(self, path: Path) -> dict[str, Any]:
        # Any report file may be checked: one nested past all reason is refused
        # before parsing (a JSONDecodeError, core.jsondepth), not a stack overflow.
        try:
            text = path.read_text(encoding="utf-8-sig")
            return rt.report_from_json(jsondepth.loads(text))
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取 {path}：{exc}") from exc

    def _check(self, path: Path, previous: Path | None) -> None:
        report = self._load(path)
        problems = rt.check_report(report)
        if previous is not None:
            problems += rt.check_cross_year(self._load(previous), report)
        for problem in problems:
            self.stdout.write(f"{problem.table}：{problem.text}")
        if problems:
            self.stdout.write(f"未通过：{len(problems)} 项")
            sys.exit(1)
        self.stdout.write(f"{report['year']} 年度报告：全部一致性检查通过")
