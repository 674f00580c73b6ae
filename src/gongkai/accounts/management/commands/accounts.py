"""``gongkai accounts enrol-link USERNAME``: print a one-time enrolment link.

The holder logs in with the password, opens the link and binds an authenticator;
the link works once, for that account only, until it expires
(``GONGKAI_ENROL_LINK_HOURS``). A new link voids the account's earlier ones.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.accounts.services import enrolment_link_issue


def _default_base_url() -> str:
    hosts = [
        h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")
    ]
    if settings.DEBUG or not hosts:
        return "http://127.0.0.1:8000"
    return f"https://{hosts[0]}"


class Command(BaseCommand):
    help = "账户：accounts enrol-link USERNAME（签发一次性身份验证器绑定链接）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        link = sub.add_parser("enrol-link", help="签发一次性身份验证器绑定链接")
        link.add_argument("username")
        link.add_argument(
            "--base-url",
            default=None,
            help="站点地址，如 https://gk.example.gov.cn（默认取 GONGKAI_ALLOWED_HOSTS 第一项）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为 {options['username']!r} 的账户。")
        if not user.is_active:
            raise CommandError(f"账户 {user.username} 已停用。")
        link, token = enrolment_link_issue(user=user, by=None)
        base = (options["base_url"] or _default_base_url()).rstrip("/")
        self.stdout.write(f"{base}{reverse('accounts:enrol', args=[token])}")
        self.stderr.write(
            f"{user.username} 登录后打开此链接绑定身份验证器；只能使用一次，"
            f"有效期至 {timezone.localtime(link.expires_at):%Y-%m-%d %H:%M}。"
        )
