"""``gongkai penalties import FILE``: import a penalty spreadsheet from the command
line; ``gongkai penalties import-licences FILE``: a licensing-decision spreadsheet
(行政许可 双公示).

The same service as the workbench upload: row errors are listed (and written to
``--errors`` as a spreadsheet to fix and import again); ``--publish`` publishes the
valid rows at once (a reviewer or administrator only); an interrupted import resumes
when run again with the same file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.models import Department, User
from gongkai.common.errors import GongkaiError
from gongkai.penalties.importing import BATCH_SIZE, import_error_file, penalty_import
from gongkai.penalties.licences.importing import licence_import


class Command(BaseCommand):
    help = (
        "行政处罚：penalties import FILE（导入处罚 Excel/CSV）；"
        "penalties import-licences FILE（导入行政许可 Excel/CSV）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for action, what in (("import", "行政处罚"), ("import-licences", "行政许可")):
            imp = sub.add_parser(action, help=f"导入{what} Excel（.xlsx）或 CSV 文件")
            self._import_arguments(imp, penalties=action == "import")

    def _import_arguments(self, imp: CommandParser, *, penalties: bool) -> None:
        imp.add_argument("file", type=Path)
        imp.add_argument("--user", required=True, help="以哪个工作人员的名义导入")
        imp.add_argument("--department", help="所属处室代码（默认为该工作人员的处室）")
        imp.add_argument("--publish", action="store_true", help="校验通过的直接发布")
        imp.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        if penalties:
            imp.add_argument(
                "--no-index",
                action="store_true",
                help="不即时更新全站搜索索引（大批量导入后运行 gongkai search reindex）",
            )
        imp.add_argument("--errors", type=Path, help="错误行写入此文件（.xlsx/.csv）")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有工作人员 {options['user']}")
        department = user.department
        if options["department"]:
            department = Department.objects.filter(code=options["department"]).first()
        if department is None:
            raise CommandError("请用 --department 指定处室代码")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size 必须是正整数")

        def progress(run: Any) -> None:
            self.stdout.write(
                f"已处理 {run.rows_seen} 行（新增 {run.created}，更新 {run.updated}，"
                f"未变化 {run.unchanged}，错误 {run.failed}）"
            )

        common = {
            "data": data,
            "file_name": path.name,
            "department": department,
            "by": user,
            "publish": options["publish"],
            "batch_size": options["batch_size"],
            "progress": progress,
        }
        try:
            if options["action"] == "import":
                run: Any = penalty_import(**common, index=not options["no_index"])
            else:
                run = licence_import(**common)
        except GongkaiError as exc:
            raise CommandError(str(exc.message)) from exc
        if run.message:
            self.stdout.write(run.message)
        for err in run.errors.all()[:50]:
            for column, reason in err.problems:
                self.stdout.write(f"第 {err.row} 行 {column}：{reason}")
        if run.failed > 50:
            self.stdout.write(f"……共 {run.failed} 行有错误")
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
