"""``gongkai consultations close-due``: start the feedback clock of every published
consultation whose period has ended (run it daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.participation.services.consultations import consultations_close_due


class Command(BaseCommand):
    help = "征求意见：consultations close-due（截止的征求意见开始反馈时限）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("close-due", help="为已截止的征求意见开始意见采纳情况反馈时限")

    def handle(self, *args: Any, **options: Any) -> None:
        count = consultations_close_due()
        self.stdout.write(f"已截止的征求意见：{count} 项开始反馈时限。")
