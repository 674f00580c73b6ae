"""``gongkai oversight check [--on DATE] [--format json|html] [--links] [--no-record]``:
the site self-check as of a day (default today), e.g. ``--on`` next month to see what
will fail then. The run is kept in the history (run it daily from cron) unless
``--no-record``. ``gongkai oversight load-plan FILE --year Y --title T`` imports a
work plan from a spreadsheet (row errors listed, nothing imported while any)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gongkai.common.errors import GongkaiError
from gongkai.core.clocks import SHANGHAI
from gongkai.core.tabular import TableError, read_table
from gongkai.oversight import checks, services
from gongkai.oversight.importing import plan_from_table


def _day(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”无效，应为 YYYY-MM-DD。") from None
    if not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
        raise CommandError("检查时点应在 2000 年至 2100 年之间。")
    return day


class Command(BaseCommand):
    help = "公开监督：oversight check（网站自查）；oversight load-plan（导入工作要点）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="按国办秘函〔2019〕19号指标自查网站")
        check.add_argument("--on", help="检查时点 YYYY-MM-DD（默认今天）")
        check.add_argument("--format", choices=["json", "html"], default="json")
        check.add_argument("--links", action="store_true", help="抓取站内页面检查链接")
        check.add_argument("--no-record", action="store_true", help="不保存检查记录")
        load = sub.add_parser("load-plan", help="从 Excel/CSV 导入年度工作要点")
        load.add_argument("file", type=Path)
        load.add_argument("--year", type=int, required=True)
        load.add_argument("--title", required=True)
        load.add_argument("--doc-number", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("zh-hans")
        if options["action"] == "load-plan":
            return self._load(options)
        on = timezone.now()
        if options["on"]:
            on = dt.datetime.combine(_day(options["on"]), dt.time(12), tzinfo=SHANGHAI)
        if options["no_record"]:
            report = checks.site_check(on=on, links=options["links"])
            score, findings = report.score, report.findings
            verdict = "pass" if score.passed else "fail"
            payload = {
                "on": on.isoformat(),
                "score": score.score,
                "verdict": verdict,
                "vetoed": list(score.vetoed),
                "pages_crawled": report.pages_crawled,
                "findings": findings,
            }
        else:
            run = services.check_run(by=None, on=on, links=options["links"])
            payload = {
                "id": run.pk,
                "on": run.on.isoformat(),
                "score": float(run.score),
                "verdict": run.verdict,
                "vetoed": run.vetoed,
                "pages_crawled": run.pages_crawled,
                "findings": run.findings,
            }
        if options["format"] == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(render_to_string("oversight/check_report.html", payload))
        return None

    def _load(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            table = read_table(path.read_bytes(), path.name)
        except (OSError, TableError) as exc:
            raise CommandError(str(exc)) from None
        data, errors = plan_from_table(
            table,
            year=options["year"],
            title=options["title"],
            doc_number=options["doc_number"],
        )
        if errors:
            raise CommandError("\n".join(errors))
        try:
            plan = services.plan_load(data=data, by=None)
        except GongkaiError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(f"已导入 {plan.year} 年工作要点：{plan.tasks.count()} 项任务")
