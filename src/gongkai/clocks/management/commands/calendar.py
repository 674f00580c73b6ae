"""``gongkai calendar import FILE``: the State Council's yearly holiday notice.

CSV with a header ``date,kind,name`` (kind: off = 放假, work = 调休上班), or JSON:
``{"year": 2027, "source": "国办发明电〔2026〕…号", "days": [{"date": "2027-01-01",
"kind": "off", "name": "元旦"}, …]}`` (or a list of such objects). Each year in the
file replaces that year's entries; every open clock is then recomputed.
``gongkai calendar show YEAR`` prints the arrangement in force.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.clocks.importing import parse_calendar_text
from gongkai.clocks.recompute import calendar_year_set
from gongkai.clocks.selectors import work_calendar
from gongkai.common.converters import year_argument
from gongkai.common.errors import GongkaiError


class Command(BaseCommand):
    help = "Import a year's holiday arrangement (CSV or JSON), or show one."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--source", default="", help="notice number, e.g. 国办发明电〔2025〕7号"
        )
        show = sub.add_parser("show")
        show.add_argument("year", type=year_argument)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self._show(options["year"])
            return
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            by_year, source = parse_calendar_text(
                path.read_text(encoding="utf-8-sig"),
                json_format=path.suffix.lower() == ".json",
            )
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取 {path}：{exc}") from exc
        for year, rows in sorted(by_year.items()):
            try:
                n = calendar_year_set(
                    year=year,
                    days=rows,
                    by=None,
                    source=options["source"] or source or path.name,
                )
            except GongkaiError as exc:
                raise CommandError(f"{year} 年：{exc.message}") from exc
            self.stdout.write(f"{year}: {n} days imported; open clocks recomputed.")

    def _show(self, year: int) -> None:
        calendar = work_calendar()
        day = dt.date(year, 1, 1)
        known = calendar.is_known(day)
        self.stdout.write(
            f"{year} {'已公布' if known else '未公布（已计入法定节假日，调休未知，结果为暂定）'}"
        )
        while day.year == year:
            weekend = day.weekday() >= 5
            working = calendar.is_working_day(day)
            if weekend == working:  # a day off on a weekday, or a working weekend day
                label = "调休上班" if working else "放假"
                self.stdout.write(f"{day.isoformat()} {label} {calendar.day_name(day)}")
            day += dt.timedelta(days=1)
