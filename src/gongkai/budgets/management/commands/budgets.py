"""``gongkai budgets template|import|export|codes``: the workbook of a year's budget
or final account, through the same services as the workbench.

* ``template --kind budget|final --year Y --out FILE.xlsx``: the empty workbook;
* ``import FILE.xlsx --kind budget|final --year Y [--user NAME]``: checked, refused
  whole naming sheet, row, column and check;
* ``export --kind budget|final --year Y --out FILE.xlsx``: the stored set;
* ``codes FILE.json --since Y [--source S]``: load the year's 政府收支分类科目
  (checked and refused whole, as on the workbench page).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts.choices import Role
from gongkai.accounts.models import User
from gongkai.budgets import services
from gongkai.budgets.choices import Kind
from gongkai.budgets.models import BudgetSet
from gongkai.budgets.selectors import set_lines, tableset_for, tableset_get
from gongkai.budgets.workbook import workbook_bytes
from gongkai.common.errors import GongkaiError


def _kind_year(parser: CommandParser) -> None:
    parser.add_argument("--kind", required=True, choices=Kind.values)
    parser.add_argument("--year", required=True, type=int)


class Command(BaseCommand):
    help = "部门预决算：budgets template|import|export|codes"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        tpl = sub.add_parser("template", help="写出空白模板（每张表一个工作表）")
        _kind_year(tpl)
        tpl.add_argument("--out", required=True, type=Path)
        imp = sub.add_parser("import", help="校验并导入填好的预决算表")
        imp.add_argument("file", type=Path)
        _kind_year(imp)
        imp.add_argument(
            "--user", help="以哪个工作人员的名义导入（默认：第一位管理员）"
        )
        exp = sub.add_parser("export", help="导出已导入的预决算表")
        _kind_year(exp)
        exp.add_argument("--out", required=True, type=Path)
        codes = sub.add_parser("codes", help="导入当年政府收支分类科目（JSON）")
        codes.add_argument("file", type=Path)
        codes.add_argument("--since", required=True, type=int)
        codes.add_argument("--source", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"_{action}")(options)
        except GongkaiError as exc:
            for item in exc.detail if isinstance(exc.detail, list) else []:
                self.stderr.write(item.get("message", str(item)))
            raise CommandError(str(exc.message)) from exc

    def _template(self, options: dict[str, Any]) -> None:
        tableset = tableset_for(options["kind"], options["year"])
        if tableset is None:
            raise CommandError("没有适用于该年度的表样")
        options["out"].write_bytes(workbook_bytes(tableset, year=options["year"]))
        self.stdout.write(f"已写出 {tableset.title}：{options['out']}")

    def _user(self, name: str | None) -> User:
        if name:
            user = User.objects.filter(username=name).first()
        else:
            user = (
                User.objects.filter(role=Role.ADMIN, is_active=True)
                .order_by("pk")
                .first()
            )
        if user is None:
            raise CommandError(
                f"没有工作人员 {name}" if name else "请用 --user 指定工作人员"
            )
        return user

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        budget_set = services.budget_import(
            data=data, file_name=path.name, kind=options["kind"], year=options["year"],
            by=self._user(options["user"]),
        )  # fmt: skip
        self.stdout.write(f"已导入 {budget_set.title}：{budget_set.rows.count()} 行")

    def _export(self, options: dict[str, Any]) -> None:
        budget_set = (
            BudgetSet.objects.filter(
                year=options["year"],
                kind=options["kind"],
                organisation=services._organisation(),
            ).first()
            or BudgetSet.objects.filter(
                year=options["year"], kind=options["kind"]
            ).first()
        )
        if budget_set is None:
            raise CommandError("该年度没有这类预决算")
        tableset = tableset_get(budget_set.tableset_key)
        if tableset is None:
            raise CommandError(f"表样 {budget_set.tableset_key} 不存在")
        data = workbook_bytes(tableset, year=budget_set.year, rows=set_lines(budget_set),
                              organisation=budget_set.organisation)  # fmt: skip
        options["out"].write_bytes(data)
        self.stdout.write(f"已导出 {budget_set.title}：{options['out']}")

    def _codes(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取科目表 {path}：{exc.strerror}") from exc
        table = services.codes_load(since=options["since"], data=data,
                                    source=options["source"], by=None,
                                    file_name=path.name)  # fmt: skip
        self.stdout.write(
            f"已导入 {table.since} 年起适用的政府收支分类科目："
            f"功能分类 {len(table.data['function'])} 个，"
            f"经济分类 {len(table.data['economic'])} 个"
        )
