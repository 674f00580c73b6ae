"""Test settings: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
GONGKAI_REQUIRE_OTP = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": database(  # noqa: F405
        os.environ.get("DATABASE_URL") or "sqlite:///:memory:"
    )
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute"}}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the apps (no collectstatic in tests; no missing-root warning).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests change content with QuerySet.update() too: read the page token every request.
GONGKAI_PAGE_TOKEN_SECONDS = 0
# Search counts written in the request that makes them (search/counting.py).
GONGKAI_SEARCH_COUNT_SECONDS = 0
# Refreshes render in this process unless a test asks for jobs (test_static).
GONGKAI_STATIC_REFRESH_JOBS = 1
# Limits in memory, emptied before every test (conftest); the tests of sharing
# between workers point this alias at the database or Redis themselves.
CACHES = {
    **CACHES,  # noqa: F405
    "limits": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "gongkai-limits",
    },
}
# Background tasks run at once, inside the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A throw-away module proves the module seam (common/tests/test_modules.py).
INSTALLED_APPS = [*INSTALLED_APPS, "gongkai.common.tests.notices"]  # noqa: F405
