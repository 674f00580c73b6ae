"""Settings shared by every environment. Configuration comes only from the environment.

Environment variables (all optional in development):
  GONGKAI_SECRET_KEY, GONGKAI_ALLOWED_HOSTS (comma-separated), DATABASE_URL,
  GONGKAI_CACHE_URL (redis://…), GONGKAI_TRUSTED_PROXIES, GONGKAI_EMAIL_URL-style settings (see README),
  GONGKAI_MEDIA_ROOT, GONGKAI_STATIC_ROOT, GONGKAI_ORG_NAME, GONGKAI_ORG_CODE.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[4]  # the repository root
PACKAGE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "gongkai.config.admin.GongkaiAdminConfig",  # django.contrib.admin behind TOTP
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "gongkai.common",
    "gongkai.accounts",
    "gongkai.clocks",
    "gongkai.publishing",
    "gongkai.documents",
    "gongkai.search",
    "gongkai.foi",
    "gongkai.inspections",
    "gongkai.penalties",
    "gongkai.registers",
    "gongkai.participation",
    "gongkai.budgets",
    "gongkai.oversight",  # oversight
    "gongkai.govservices",  # govservices: service guides, power list (issue 14)
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored anonymous pages answered before sessions, auth, CSRF and the locale
    # (after the HTTPS redirect and static files): publishing.pagecache.
    "gongkai.publishing.pagecache.PageCacheMiddleware",
    "gongkai.common.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.common.middleware.LocaleMiddleware",
    "gongkai.common.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.common.middleware.GongkaiErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.config.urls"
WSGI_APPLICATION = "gongkai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]


def database(url: str, **options: Any) -> dict[str, Any]:
    """The database at ``url`` (dj-database-url); PostgreSQL through Django's
    backend with a health check that costs no round trip while the connection is
    quiet (``gongkai.common.db.postgresql``)."""
    config: dict[str, Any] = dict(dj_database_url.parse(url, **options))
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "gongkai.common.db.postgresql"
    return config


DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}",
        conn_max_age=int(os.environ.get("GONGKAI_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sessions: staff sessions expire after 8 hours and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# django-axes: lock an account+IP after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner on every command
# The address axes counts by: the same one as every rate limit (trusted proxies only).
AXES_CLIENT_IP_CALLABLE = "gongkai.common.limits.client_ip"

OTP_TOTP_ISSUER = os.environ.get("GONGKAI_ORG_NAME", "gongkai")
# Staff must pass a TOTP second factor (django-otp) unless explicitly disabled
# (only the development demo disables it, so printed logins work at once).
GONGKAI_REQUIRE_OTP = env_bool("GONGKAI_REQUIRE_OTP", True)
# An account binds its authenticator only through a one-time link an administrator
# issues (admin action or `gongkai accounts enrol-link USERNAME`); hours it is valid.
GONGKAI_ENROL_LINK_HOURS = int(os.environ.get("GONGKAI_ENROL_LINK_HOURS", "72"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CACHE_URL = os.environ.get("GONGKAI_CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole anonymous pages (portal.pagecache): Redis when configured, else each worker's
# memory; keys carry a token read from the database, so workers never disagree.
CACHES["pages"] = (
    {**CACHES["default"], "KEY_PREFIX": "pages"}
    if CACHE_URL.startswith("redis")
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "gongkai-pages",  # its own store, not the default cache's
        "OPTIONS": {
            "MAX_ENTRIES": int(os.environ.get("GONGKAI_PAGE_CACHE_ENTRIES", "3000"))
        },
    }
)
# Counters of rate limits and single-use form tokens (gongkai.common.limits): one
# store for every worker, Redis when configured, else a database table (created by
# the common app's migrations). The window is in each key; TIMEOUT only bounds keys
# whose backend rewrites the expiry on incr().
CACHES["limits"] = (
    {**CACHES["default"], "KEY_PREFIX": "limits", "TIMEOUT": 86400}
    if CACHE_URL.startswith("redis")
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_limits",
        "TIMEOUT": 86400,
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
)
# Proxies (addresses or networks) whose X-Real-IP / X-Forwarded-For name the client;
# from any other peer, REMOTE_ADDR is the client (README "Production deployment").
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES")
for _proxy in GONGKAI_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"GONGKAI_TRUSTED_PROXIES: {_proxy!r} is not an address or network."
        ) from _exc
GONGKAI_PAGE_CACHE_SECONDS = int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", "600"))
# Search analytics: counts kept in each process this long, then written together
# (search/counting.py); 0 writes each search as it is made.
GONGKAI_SEARCH_COUNT_SECONDS = float(
    os.environ.get("GONGKAI_SEARCH_COUNT_SECONDS", "2")
)
# How long a worker reuses the page-cache token before reading it again (a change
# made through another worker shows within this time; 0: read on every request).
GONGKAI_PAGE_TOKEN_SECONDS = float(os.environ.get("GONGKAI_PAGE_TOKEN_SECONDS", "1"))
# Static publishing (publishing.static, README "Static publishing"): the tree nginx
# serves (a symlink swapped by `gongkai static build`; empty: no static tree), the
# seconds a CDN may keep a page (s-maxage) and the URL called with each changed
# page ({url}: its absolute URL) so a CDN purges it.
GONGKAI_STATIC_SITE_DIR = os.environ.get("GONGKAI_STATIC_SITE_DIR", "")
GONGKAI_STATIC_SITE_URL = os.environ.get("GONGKAI_STATIC_SITE_URL", "http://localhost")
GONGKAI_CDN_SECONDS = int(os.environ.get("GONGKAI_CDN_SECONDS", "300"))
GONGKAI_CDN_PURGE_URL = os.environ.get("GONGKAI_CDN_PURGE_URL", "")
# Processes the background refresh renders in when many pages are stale (a change
# every page shows, e.g. a renamed department): default one per CPU.
GONGKAI_STATIC_REFRESH_JOBS = int(
    os.environ.get("GONGKAI_STATIC_REFRESH_JOBS", str(os.cpu_count() or 1))
)

EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")

# Content Security Policy (django-csp 4): no inline scripts; pages work without JS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["gongkai.api.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("GONGKAI_ANON_RATE", "120/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "gongkai.common.api_pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gongkai.common.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gongkai API",
    "DESCRIPTION": "政务公开平台 API v1",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # gongkai.common.converters: <year:…>
    # Choice sets that share a field name ("kind") get their own schema names.
    "ENUM_NAME_OVERRIDES": {"BudgetKindEnum": "gongkai.budgets.choices.Kind"},
    "PATH_CONVERTER_OVERRIDES": {
        "year": {"type": "integer", "minimum": 2008, "maximum": 9998}
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gongkai.api.schema.add_error_responses",
    ],
}

# The organisation this installation serves (shown in the header, used in 索引号).
GONGKAI_ORG_NAME = os.environ.get("GONGKAI_ORG_NAME", "福建省市场监督管理局")
GONGKAI_ORG_CODE = os.environ.get("GONGKAI_ORG_CODE", "11350000003591037R")

# Module settings (defaults in parentheses).
# The body that hears administrative review of this organisation's acts, printed in
# every reply letter (行政复议法 第二十四条: the same-level people's government).
GONGKAI_FOI_REVIEW_BODY = os.environ.get("GONGKAI_FOI_REVIEW_BODY", "福建省人民政府")
GONGKAI_FOI_APPLY_PER_HOUR = int(os.environ.get("GONGKAI_FOI_APPLY_PER_HOUR", "10"))
GONGKAI_FOI_MIN_FORM_SECONDS = int(os.environ.get("GONGKAI_FOI_MIN_FORM_SECONDS", "3"))
# Background tasks (django-tasks, the backport of Django 6's tasks framework): queued
# in the database, run by `gongkai db_worker` (README "Background tasks").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Key encrypting random-inspection task secrets at rest (Fernet, 32 url-safe base64
# bytes). Unset: derived from SECRET_KEY; production sets its own (README).
GONGKAI_DRAW_SECRET_KEYS = [
    k for k in os.environ.get("GONGKAI_DRAW_SECRET_KEYS", "").split(",") if k.strip()
]
# Spreadsheets with more rows than this are imported by the worker, not the request.
GONGKAI_IMPORT_INLINE_ROWS = int(os.environ.get("GONGKAI_IMPORT_INLINE_ROWS", "2000"))
# The drand HTTP API used to fetch a beacon round for a random-inspection draw.
GONGKAI_DRAND_URL = os.environ.get("GONGKAI_DRAND_URL", "https://api.drand.sh")

# participation (consultations): the comment form's bot protection, as FOI's form
GONGKAI_CONSULTATION_MIN_FORM_SECONDS = int(
    os.environ.get("GONGKAI_CONSULTATION_MIN_FORM_SECONDS", "3")
)
GONGKAI_CONSULTATION_COMMENTS_PER_HOUR = int(
    os.environ.get("GONGKAI_CONSULTATION_COMMENTS_PER_HOUR", "10")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO"),
    },
    # WeasyPrint reports each rendering step at INFO: noise for every PDF letter.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# budgets: the province whose own table sets apply (e.g. "四川"; "" = the national
# sets), extra folders of table-set JSON files, and the name of the publishing unit
# (default: GONGKAI_ORG_NAME).
GONGKAI_BUDGET_PROVINCE = os.environ.get("GONGKAI_BUDGET_PROVINCE", "")
GONGKAI_BUDGET_TABLESET_DIRS = env_list("GONGKAI_BUDGET_TABLESET_DIRS")
GONGKAI_BUDGET_ORGANISATION = os.environ.get("GONGKAI_BUDGET_ORGANISATION", "")
# oversight: the site self-check (docs in README "Oversight"). Indicator weights are
# [UNVERIFIED] (RULES.md §13 item 7): {"links.dead": {"per": 1, "cap": 5}, ...}
GONGKAI_OVERSIGHT_WEIGHTS: dict[str, dict[str, float]] = {}
GONGKAI_OVERSIGHT_BASE_URL = os.environ.get("GONGKAI_OVERSIGHT_BASE_URL", "")
GONGKAI_OVERSIGHT_MAX_PAGES = int(os.environ.get("GONGKAI_OVERSIGHT_MAX_PAGES", "300"))
GONGKAI_OVERSIGHT_MAX_SECONDS = float(
    os.environ.get("GONGKAI_OVERSIGHT_MAX_SECONDS", "60")
)
GONGKAI_OVERSIGHT_CHECK_EXTERNAL = env_bool("GONGKAI_OVERSIGHT_CHECK_EXTERNAL", False)
# portal (issue 19): the site's identity in the footer, as 政府网站发展指引 asks
# (国办发〔2017〕47号): 主办/承办, contact, 网站标识码, ICP and 公安 filing numbers.
# Empty values are left out of the footer (the site self-check reports them).
GONGKAI_SPONSOR = os.environ.get("GONGKAI_SPONSOR", "")  # 主办 (default: ORG_NAME)
GONGKAI_OPERATOR = os.environ.get("GONGKAI_OPERATOR", "")  # 承办
GONGKAI_CONTACT = os.environ.get("GONGKAI_CONTACT", "")  # 地址、电话, one line
GONGKAI_SITE_CODE = os.environ.get("GONGKAI_SITE_CODE", "")  # 网站标识码
GONGKAI_ICP = os.environ.get("GONGKAI_ICP", "")  # e.g. 闽ICP备05001234号
GONGKAI_PSB = os.environ.get("GONGKAI_PSB", "")  # e.g. 闽公网安备 35010202000123号
# The 党政机关网站 mark's verification page (CONAC); the mark is shown only when set.
GONGKAI_DZJG_URL = os.environ.get("GONGKAI_DZJG_URL", "")
# "我为政府网站找错": the national 政府网站找错 page; {site_code} and {url} are filled in.
GONGKAI_JIUCUO_URL = os.environ.get(
    "GONGKAI_JIUCUO_URL",
    "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}",
)
