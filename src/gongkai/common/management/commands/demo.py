"""``gongkai demo``: load idempotent demonstration data and print the staff logins.

Each app may ship a ``demo.py`` with ``load(*, now, out) -> None``; they run in
INSTALLED_APPS order (accounts first), so later modules extend the demo by adding one.
"""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone


class Command(BaseCommand):
    help = "Load demonstration data (safe to run again) and print the staff logins."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        modules = []
        for config in apps.get_app_configs():
            if not config.name.startswith("gongkai."):
                continue
            try:
                modules.append(import_module(f"{config.name}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
        # Demo applicants are fictitious: their acknowledgement e-mails stay in memory.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            with transaction.atomic():
                for module in modules:
                    module.load(now=now, out=self.stdout)
            # What the loads' commits set off (search indexing ...) has run.
            for module in modules:
                if hasattr(module, "after_commit"):
                    module.after_commit(now=now, out=self.stdout)
        from gongkai.accounts.demo import login_lines

        for line in login_lines():
            self.stdout.write(line)
