"""``gongkai documents import PATH... [--publish] [--user NAME] [--department CODE]``.

Reads official text files (like seed/work-plan-2017.txt), .docx, PDF, OFD and JSON
Lines (``.jsonl``); a directory is read recursively.  Bad rows are reported with
file, line and reason; good rows are kept; re-importing the same file changes
nothing.  Documents kept with something unknown or unusual (a 文号 of an unknown
shape, no 成文日期 or 发文机关, a scan without text) are listed as warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.models import Department, User
from gongkai.common.errors import GongkaiError
from gongkai.documents.importing import SUFFIXES, documents_import


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
            )
        elif path.exists():
            out.append(path)
        else:
            raise CommandError(f"文件不存在：{path}")
    return out


class Command(BaseCommand):
    help = "Import documents into the disclosure catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("paths", nargs="+", type=Path)
        imp.add_argument("--publish", action="store_true", help="publish at once")
        imp.add_argument(
            "--user", default="admin", help="importing user (default admin)"
        )
        imp.add_argument("--department", default="", help="department code")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"用户不存在：{options['user']}")
        code = options["department"]
        department = (
            Department.objects.filter(code=code).first() if code else user.department
        )
        if department is None:
            raise CommandError("请用 --department 指定处室代码。")
        files = [(p.name, p.read_bytes()) for p in _files(options["paths"])]
        try:
            report = documents_import(
                files=files, department=department, by=user, publish=options["publish"]
            )
        except GongkaiError as exc:
            raise CommandError(str(exc.message)) from exc
        for doc in report.created:
            self.stdout.write(f"导入：{doc.index_number} {doc.doc_number} {doc.title}")
        for name, line, reason in report.warnings:
            self.stdout.write(f"WARNING {name} 第{line}行：{reason}")
        for name, line, reason in report.errors:
            self.stderr.write(f"{name} 第{line}行：{reason}")
        self.stdout.write(
            f"新导入 {len(report.created)} 件，未变化 {report.unchanged} 件，"
            f"警告 {len(report.warnings)} 条，拒收 {len(report.errors)} 行。"
        )
        if report.errors:
            raise CommandError("部分行未能导入，见上。")
