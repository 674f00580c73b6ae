"""Development and the embedded demo (`make run`): SQLite under var/, debug on."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_list

DEBUG = env_bool("GONGKAI_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405  # noqa: S105
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
GONGKAI_REQUIRE_OTP = env_bool("GONGKAI_REQUIRE_OTP", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
VAR_DIR.mkdir(parents=True, exist_ok=True)
# `make run` starts no worker: background tasks run right after the request's commit,
# unless GONGKAI_TASKS_WORKER=1 (then run `gongkai db_worker` beside the server).
if not env_bool("GONGKAI_TASKS_WORKER", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
