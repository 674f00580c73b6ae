"""The client address (trusted proxies only) and limits shared by every worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.core import signing
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from gongkai.common.limits import client_ip, limit_exceeded, use_once
from gongkai.foi.forms import TOKEN_SALT
from gongkai.foi.models import FoiRequest

DAYS = "/api/v1/calendar/working-days/"
QUERY = {"start": "2026-01-05", "n": 1}


@pytest.mark.parametrize(
    ("trusted", "remote", "headers", "expected"),
    [
        # no trusted proxy: the headers are the client's own words
        ([], "203.0.113.9", {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "203.0.113.9"),
        ([], "203.0.113.9", {"HTTP_X_REAL_IP": "1.2.3.4"}, "203.0.113.9"),
        # a peer that is not a trusted proxy
        (["127.0.0.1"], "203.0.113.9", {"HTTP_X_REAL_IP": "1.2.3.4"}, "203.0.113.9"),
        # the trusted proxy's X-Real-IP
        (["127.0.0.1"], "127.0.0.1", {"HTTP_X_REAL_IP": "198.51.100.7"}, "198.51.100.7"),
        # X-Forwarded-For: the right-most hop that is not a trusted proxy
        (["10.0.0.0/8"], "10.0.0.2", {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7, 10.0.0.3"}, "198.51.100.7"),
        (["::1"], "::1", {"HTTP_X_FORWARDED_FOR": "2001:db8::5"}, "2001:db8::5"),
        # garbage in the header: the proxy's own address, never the garbage
        (["127.0.0.1"], "127.0.0.1", {"HTTP_X_FORWARDED_FOR": "not-an-ip"}, "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", {"HTTP_X_REAL_IP": "x", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "198.51.100.7"),
        (["127.0.0.1"], "127.0.0.1", {}, "127.0.0.1"),
    ],
)  # fmt: skip
def test_client_address_comes_from_a_trusted_proxy_only(
    settings, trusted, remote, headers, expected
):
    settings.GONGKAI_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert client_ip(request) == expected


# ------------------------------------------------------------ API throttle, address


@pytest.mark.django_db
def test_rotating_forwarded_header_does_not_evade_the_throttle(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [
        client.get(
            DAYS,
            QUERY,
            HTTP_X_FORWARDED_FOR=f"10.9.{i}.1",
            HTTP_X_REAL_IP=f"10.8.{i}.1",
        ).status_code
        for i in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_quota(
    client, settings, monkeypatch
):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})

    def get(address: str) -> int:
        return client.get(
            DAYS, QUERY, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=address
        ).status_code

    assert [get("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert [get("198.51.100.2") for _ in range(2)] == [200, 200]
    # the proxy's header from any other peer is ignored: one quota for that peer
    other = [
        client.get(
            DAYS, QUERY, REMOTE_ADDR="203.0.113.5", HTTP_X_REAL_IP=f"198.51.100.{i}"
        ).status_code
        for i in range(3, 6)
    ]
    assert other == [200, 200, 429]


# ------------------------------------------------------------ shared between workers


def _redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis(host="127.0.0.1", socket_connect_timeout=0.5).ping())
    except Exception:
        return False


def _backend(kind: str) -> dict[str, object]:
    if kind == "redis":
        if not _redis_reachable():
            pytest.skip("Redis is not reachable at 127.0.0.1:6379")
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",  # a server others share
            "TIMEOUT": 86400,
        }
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_limits",  # created by the common app's migration
        "TIMEOUT": 86400,
    }


@pytest.fixture(params=["database", "redis"])
def two_workers(request, settings):
    """Two cache connections to one store, as two worker processes would have; the
    returned function makes the next request go through the given worker's."""
    settings.CACHES = {**settings.CACHES, "limits": _backend(request.param)}
    workers = [caches.create_connection("limits") for _ in range(2)]

    def serve_by(index: int) -> None:
        caches["limits"] = workers[index]

    yield serve_by
    workers[0].clear()


@pytest.mark.django_db
def test_api_throttle_is_one_limit_for_all_workers(client, two_workers, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "4/minute"})
    codes = []
    for i in range(6):
        two_workers(i % 2)
        codes.append(client.get(DAYS, QUERY).status_code)
    assert codes == [200, 200, 200, 200, 429, 429]


FORM = {
    "applicant_type": "natural_person",
    "name": "李四",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "description": "2025年度食品相关产品监督抽查计划",
    "form": "electronic",
    "delivery": "post",
    "address": "福州市鼓楼区",
    "website": "",
}


def _token() -> str:
    return signing.dumps(
        {"t": int(time.time()) - 60, "n": uuid.uuid4().hex}, salt=TOKEN_SALT
    )


@pytest.mark.django_db
def test_foi_form_limit_and_token_are_shared_by_workers(client, two_workers, settings):
    settings.GONGKAI_FOI_APPLY_PER_HOUR = 3
    token = _token()
    two_workers(0)
    assert (
        client.post(reverse("foi:apply"), {**FORM, "token": token}).status_code == 302
    )
    two_workers(1)  # the same token through the other worker
    replay = client.post(reverse("foi:apply"), {**FORM, "token": token})
    assert "此表单已经提交过" in replay.content.decode()
    two_workers(0)
    assert (
        client.post(reverse("foi:apply"), {**FORM, "token": _token()}).status_code
        == 302
    )
    two_workers(1)  # the fourth attempt in the hour, whichever worker takes it
    over = client.post(reverse("foi:apply"), {**FORM, "token": _token()})
    assert "提交次数过多" in over.content.decode()
    assert FoiRequest.objects.count() == 2


@pytest.mark.django_db
def test_counter_window_and_single_use(two_workers):
    two_workers(0)
    hits = [
        limit_exceeded(bucket="t", ident="a", limit=2, window=60, now=1000.0)
        for _ in range(3)
    ]
    assert hits == [False, False, True]
    two_workers(1)
    assert limit_exceeded(bucket="t", ident="a", limit=2, window=60, now=1010.0)
    # the next window starts afresh
    assert not limit_exceeded(bucket="t", ident="a", limit=2, window=60, now=1081.0)
    assert use_once(bucket="u", ident="x", timeout=60)
    two_workers(0)
    assert not use_once(bucket="u", ident="x", timeout=60)


@pytest.mark.parametrize(
    ("later", "refused"),
    [(1081.0, True), (1095.0, True), (1100.0, False), (1141.0, False)],
)
def test_no_second_burst_just_after_a_window_ends(later, refused):
    """Three attempts late in one minute weigh on the next minute in proportion."""
    for _ in range(3):
        assert not limit_exceeded(bucket="b", ident="a", limit=3, window=60, now=1075.0)
    assert (
        limit_exceeded(bucket="b", ident="a", limit=3, window=60, now=later) is refused
    )


PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.prod",
    "GONGKAI_SECRET_KEY": "x" * 50,
    "GONGKAI_ALLOWED_HOSTS": "gk.example.gov.cn",
    "DATABASE_URL": "postgres://gongkai@127.0.0.1:5432/gongkai",
    "GONGKAI_DRAW_SECRET_KEYS": "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=",
}


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_production_limits_are_never_in_worker_memory(cache_url, backend):
    env = {**os.environ, **PROD_ENV, "GONGKAI_CACHE_URL": cache_url}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['limits']['BACKEND'], s.AXES_CLIENT_IP_CALLABLE, "
        "s.REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'][0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [
        backend,
        "gongkai.common.limits.client_ip",
        "gongkai.api.throttling.AnonRateThrottle",
    ]


def test_a_bad_trusted_proxy_setting_stops_the_start():
    env = {**os.environ, **PROD_ENV, "GONGKAI_TRUSTED_PROXIES": "127.0.0.1,nginx"}
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "GONGKAI_TRUSTED_PROXIES: 'nginx'" in run.stderr
