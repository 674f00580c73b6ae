"""``gongkai clocks remind``: today's reminder e-mails and the office digest.

Run it daily from cron (e.g. ``30 8 * * * gongkai clocks remind``); running it again
the same day sends nothing new (see gongkai/clocks/reminders.py).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.clocks.reminders import clocks_remind


class Command(BaseCommand):
    help = "Clock reminders: e-mail handlers and department heads, and the office."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("remind", help="send today's reminders (idempotent)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = clocks_remind()
        self.stdout.write(
            f"即将到期提醒 {result.due_soon} 件，逾期提醒 {result.overdue} 件；"
            f"办公室汇总{'已发送' if result.digest else '今日已发送过'}。"
        )
