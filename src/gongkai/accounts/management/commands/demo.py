"""``gongkai demo``: load idempotent demonstration data and print the staff logins.

Each module may name a demo loader in its declaration (``Module.demo``: a module with
``load(*, now, out) -> None`` and optionally ``after_commit``); they run in
INSTALLED_APPS order (common and accounts first), so a new module extends the demo by
declaring one.
"""

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from gongkai.accounts.demo import login_lines
from gongkai.common.modules import modules


class Command(BaseCommand):
    help = "Load demonstration data (safe to run again) and print the staff logins."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        loaders = [import_module(m.demo) for m in modules() if m.demo]
        # Demo applicants are fictitious: their acknowledgement e-mails stay in memory.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            with transaction.atomic():
                for module in loaders:
                    module.load(now=now, out=self.stdout)
            # What the loads' commits set off (search indexing ...) has run.
            for module in loaders:
                if hasattr(module, "after_commit"):
                    module.after_commit(now=now, out=self.stdout)
        for line in login_lines():
            self.stdout.write(line)
