"""``gongkai govservices template --out FILE.xlsx [--kind services|powers|adjustments]``
writes an empty import template (headers and one example row);
``gongkai govservices import KIND FILE --user NAME`` imports a spreadsheet as the
workbench upload does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.models import User
from gongkai.common.errors import GongkaiError
from gongkai.govservices.importing import govservices_import
from gongkai.govservices.sheets import KINDS, template_xlsx


class Command(BaseCommand):
    help = (
        "政务服务：govservices template --out FILE.xlsx；govservices import KIND FILE"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        tpl = sub.add_parser("template", help="写出导入模板（列名和一行示例）")
        tpl.add_argument("--out", type=Path, required=True)
        tpl.add_argument("--kind", choices=list(KINDS), default="services")
        imp = sub.add_parser("import", help="导入 Excel（.xlsx）或 CSV 文件")
        imp.add_argument("kind", choices=list(KINDS))
        imp.add_argument("file", type=Path)
        imp.add_argument("--user", required=True)
        imp.add_argument("--publish", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "template":
            out: Path = options["out"]
            try:
                out.write_bytes(template_xlsx(options["kind"]))
            except OSError as exc:
                raise CommandError(f"无法写入文件 {out}：{exc.strerror}") from exc
            self.stdout.write(f"已写出模板 {out}（{KINDS[options['kind']][0]}）")
            return
        try:
            data = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(
                f"无法读取文件 {options['file']}：{exc.strerror}"
            ) from exc
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有工作人员 {options['user']}")
        try:
            run = govservices_import(
                kind=options["kind"],
                data=data,
                file_name=options["file"].name,
                department=user.department,
                by=user,
                publish=options["publish"],
            )
        except GongkaiError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"新增 {run.created}，更新 {run.updated}，未变化 {run.unchanged}，错误行 {run.failed}"
        )
        for err in run.errors.all():
            for column, reason in err.problems:
                self.stdout.write(f"第 {err.row} 行 {column}：{reason}")
