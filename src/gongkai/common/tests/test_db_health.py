"""The PostgreSQL health check that costs no round trip while the connection is
quiet (``common.db.postgresql``)."""

from __future__ import annotations

import select
import time
from unittest import mock

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as Django

from gongkai.common.db.postgresql.base import quiet

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's connections only"
    ),
]


@pytest.fixture(autouse=True)
def health_checks():
    """Checks on, as a persistent connection has them (``settings.base``)."""
    connection.ensure_connection()
    enabled = connection.health_check_enabled
    connection.health_check_enabled = True
    yield
    connection.health_check_enabled = enabled


def _checked() -> int:
    """Run the per-request health check; how many ``SELECT 1`` checks it made."""
    connection.health_check_done = False
    real = Django.is_usable
    with mock.patch.object(Django, "is_usable", autospec=True) as usable:
        usable.side_effect = real
        connection.close_if_health_check_failed()
    return usable.call_count


def _read_ready(raw: psycopg.Connection, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not select.select([raw.pgconn.socket], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server's close never arrived"


def test_a_quiet_connection_is_checked_without_a_statement():
    assert quiet(connection.connection)
    assert _checked() == 0
    assert connection.connection is not None and connection.health_check_done


def test_a_connection_the_server_closed_is_closed_and_opened_again():
    raw = connection.connection
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    with psycopg.connect(**connection.get_connection_params()) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    _read_ready(raw)
    assert not quiet(raw)
    assert _checked() == 1  # Django's SELECT 1 decides: it fails
    assert connection.connection is None  # closed
    with connection.cursor() as cur:  # and a new one opened for the next query
        cur.execute("SELECT 1")
        assert cur.fetchone() == (1,)


def test_a_connection_in_a_transaction_gets_the_statement():
    with connection.cursor() as cur:
        cur.execute("BEGIN")
        try:
            assert not quiet(connection.connection)
            assert _checked() == 1
        finally:
            cur.execute("ROLLBACK")


def test_a_closed_connection_is_not_quiet():
    raw = psycopg.connect(**connection.get_connection_params())
    assert quiet(raw)
    raw.close()
    assert not quiet(raw)
