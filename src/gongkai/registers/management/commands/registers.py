"""``gongkai registers import REGISTER FILE``: the workbench upload from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.models import Department, User
from gongkai.common.errors import GongkaiError
from gongkai.registers.importing import import_error_file, register_import
from gongkai.registers.models import Register


class Command(BaseCommand):
    help = "公开名录：registers import REGISTER FILE；registers list"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="列出名录及其网址名")
        imp = sub.add_parser("import", help="导入 Excel（.xlsx）或 CSV 文件")
        imp.add_argument("register", help="名录网址名，如 spot-checks")
        imp.add_argument("file", type=Path)
        imp.add_argument("--user", required=True)
        imp.add_argument("--department", help="处室代码（默认为该工作人员的处室）")
        imp.add_argument("--publish", action="store_true")
        imp.add_argument("--errors", type=Path, help="错误行写入此文件（.xlsx/.csv）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for r in Register.objects.all():
                self.stdout.write(f"{r.slug:<28} {r.title}")
            return
        register = Register.objects.filter(slug=options["register"]).first()
        if register is None:
            raise CommandError(
                f"没有名录 {options['register']}（用 registers list 查看）"
            )
        try:
            data = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(
                f"无法读取文件 {options['file']}：{exc.strerror}"
            ) from exc
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有工作人员 {options['user']}")
        department = user.department
        if options["department"]:
            department = Department.objects.filter(code=options["department"]).first()
        if department is None:
            raise CommandError("请用 --department 指定处室代码")
        try:
            run = register_import(
                register=register,
                data=data,
                file_name=options["file"].name,
                department=department,
                by=user,
                publish=options["publish"],
                progress=lambda r: self.stdout.write(f"已处理 {r.rows_seen} 行"),
            )
        except GongkaiError as exc:
            raise CommandError(str(exc.message)) from exc
        for err in run.errors.all()[:50]:
            for column, reason in err.problems:
                self.stdout.write(f"第 {err.row} 行 {column}：{reason}")
        if options["errors"] and run.failed:
            fmt = "csv" if options["errors"].suffix.lower() == ".csv" else "xlsx"
            options["errors"].write_bytes(import_error_file(run, fmt=fmt))
            self.stdout.write(f"错误行已写入 {options['errors']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"导入完成：新增 {run.created}，更新 {run.updated}，"
                f"未变化 {run.unchanged}，错误 {run.failed}"
            )
        )
