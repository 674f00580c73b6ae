"""``gongkai inspections_import KIND FILE``: import a registry file, showing progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts.models import User
from gongkai.inspections.choices import ImportKind
from gongkai.inspections.services import registry_import


class Command(BaseCommand):
    help = "Import targets, inspectors or conflicts from CSV/XLSX (all rows or none)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", default="admin", help="the staff account recorded"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"没有这个账号：{opts['user']}")
        try:
            content = opts["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc.strerror}") from exc

        def progress(stage: str, n: int) -> None:
            label = "已读取" if stage == "read" else "已写入"
            self.stdout.write(f"{label} {n} 行")

        batch = registry_import(
            kind=opts["kind"],
            filename=opts["file"].name,
            content=content,
            by=user,
            progress=progress,
        )
        if not batch.ok:
            for e in batch.errors:
                self.stderr.write(f"第 {e['row']} 行 {e['column']}：{e['message']}")
            raise CommandError("文件有错误，没有导入任何一行。")
        self.stdout.write(
            f"已导入 {batch.rows} 行：新增 {batch.created}，更新 {batch.updated}。"
        )
