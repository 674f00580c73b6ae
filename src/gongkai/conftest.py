"""Shared fixtures: departments and users of each role, a logged-in client with OTP;
every test starts with empty caches and the default language."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _clear_caches() -> None:
    from django.core.cache import caches

    from gongkai.budgets import services as budgets
    from gongkai.publishing import caching, pagecache
    from gongkai.search import expansion, ranktexts

    for alias in ("default", "pages", "limits"):
        caches[alias].clear()
    pagecache._local.clear()
    caching.forget_all()
    budgets._compared.clear()  # the table sets as last compared with the database
    expansion.forget()
    ranktexts.forget()


@pytest.fixture(autouse=True)
def _fresh_caches_and_language() -> Iterator[None]:
    """Whole pages, search results and facet counts are cached by database state,
    and the table sets and the thesaurus are remembered as compared with it, which
    restarts with every test's rolled-back database; a request in English
    leaves English active in its thread."""
    from django.conf import settings
    from django.utils import translation

    _clear_caches()
    yield
    translation.activate(settings.LANGUAGE_CODE)
    _clear_caches()


@pytest.fixture
def department(db: Any) -> Any:
    from gongkai.accounts.models import Department

    return Department.objects.create(name="产品质量监督处", code="quality")


@pytest.fixture
def other_department(db: Any) -> Any:
    from gongkai.accounts.models import Department

    return Department.objects.create(name="执法稽查处", code="enforcement")


@pytest.fixture
def office(db: Any) -> Any:
    from gongkai.accounts.models import Department

    return Department.objects.create(name="办公室", code="office", is_office=True)


def _user(username: str, role: str, department: Any) -> Any:
    from gongkai.accounts.models import User

    user = User.objects.create_user(
        username=username, password="pw-" + username, role=role, department=department
    )
    return user


@pytest.fixture
def staff(department: Any) -> Any:
    return _user("author", "staff", department)


@pytest.fixture
def other_staff(other_department: Any) -> Any:
    return _user("outsider", "staff", other_department)


@pytest.fixture
def reviewer(office: Any) -> Any:
    return _user("reviewer", "reviewer", office)


@pytest.fixture
def second_reviewer(office: Any) -> Any:
    return _user("reviewer2", "reviewer", office)


@pytest.fixture
def auditor(db: Any) -> Any:
    return _user("auditor", "auditor", None)


@pytest.fixture
def admin_user(office: Any) -> Any:
    return _user("admin", "admin", office)


@pytest.fixture
def login(client: Any) -> Any:
    """Log a user in with a verified second factor (as after the TOTP step)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(user: Any) -> Any:
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return _login


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "Chromium is required (GONGKAI_REQUIRE_BROWSER=1) but not installed"
            )
        pytest.skip("Chromium not installed")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str, django_db_setup: Any) -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright, for the whole session.

    Playwright's sync API keeps an asyncio loop marked as running on the main thread
    while the browser lives; Django then refuses ORM calls from that thread
    (SynchronousOnlyOperation), so the flag is set for as long as the browser runs.
    The test database is created first (django_db_setup), outside the loop.
    """
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
