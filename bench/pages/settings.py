"""Settings of the page benchmark: production-like (DEBUG off, prod settings), plus a
bare view to compare with. Used only by bench/bench_documents_pages.py."""

import os

os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
# A fixed, valid Fernet key for this benchmark only (production refuses to start
# without one; no draw runs here).
os.environ.setdefault(
    "GONGKAI_DRAW_SECRET_KEYS", "YmVuY2gtb25seS1rZXktbm90LWZvci1wcm9kdWN0aW8="
)

from gongkai.config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
