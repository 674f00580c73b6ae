"""Two writers of one 文号 at the same moment, on PostgreSQL: the first is held after
its insert, before its commit, until the second has looked for the number and waits
on the first one's row (penalties and licensing decisions)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

WAIT = 30  # seconds; a writer stuck longer than this is a failure, not a hang

# connection.vendor reads the settings only; no connection is made on import.
ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time (a write transaction locks the whole "
    "database), so the second writer cannot look before the first commits; the "
    "stale look is simulated on every database in the same module",
)


def in_thread(name: str, target: Callable[[], Any]) -> tuple[threading.Thread, dict]:
    """Run ``target`` in a thread of that name; its result or exception in the dict."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["result"] = target()
        except Exception as exc:  # asserted by the test
            out["error"] = exc
        finally:
            connections.close_all()  # this thread's connection

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread, out


def wait_until_a_writer_waits_on_a_lock() -> None:
    """Return once a session of the test database waits on a lock."""
    with connection.cursor() as cursor:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    pytest.fail("the second writer never waited on the first one's row")


class FirstWriterHeld:
    """Wraps a step the writers take after their insert: the thread named "first"
    stops there until ``release`` is set."""

    def __init__(self) -> None:
        self.inserted, self.release = threading.Event(), threading.Event()

    def wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if threading.current_thread().name == "first":
                self.inserted.set()
                assert self.release.wait(WAIT)
            return result

        return wrapper

    def run(
        self, first: Callable[[], Any], second: Callable[[], Any]
    ) -> tuple[dict, dict]:
        """Run ``first`` until its insert, then ``second`` until it waits on the
        first one's row, then let both finish; their results (or exceptions)."""
        first_thread, first_out = in_thread("first", first)
        assert self.inserted.wait(WAIT), first_out
        second_thread, second_out = in_thread("second", second)
        try:
            wait_until_a_writer_waits_on_a_lock()
        finally:
            self.release.set()
            first_thread.join(WAIT)
            second_thread.join(WAIT)
        assert not first_thread.is_alive() and not second_thread.is_alive()
        return first_out, second_out


class TwoWriters:
    """The writers of one number ``taken`` in the two-writer tests: the first
    writes ``[new, taken]`` (an import) or ``taken`` (a create), the second
    ``[new, taken, new]`` or ``taken``. ``key``: the number's field code;
    ``write_import(records, by=, name=)`` and ``write_create(record, by=)``."""

    def __init__(
        self,
        new_record: Callable[[], dict[str, Any]],
        key: str,
        write_import: Callable[..., Any],
        write_create: Callable[..., Any],
    ) -> None:
        self.taken = new_record()
        self.first_rows = [new_record(), self.taken]
        self.second_rows = [new_record(), self.taken, new_record()]
        self.key, self._import, self._create = key, write_import, write_create

    def run(
        self, held: FirstWriterHeld, kinds: tuple[str, str], staff: Any, other: Any
    ) -> tuple[dict, dict]:
        """The first writer (``staff``) held after its insert, then the second."""
        first = {
            "import": lambda: self._import(self.first_rows, by=staff, name="a.xlsx"),
            "create": lambda: self._create(self.taken, by=staff),
        }[kinds[0]]
        second = {
            "import": lambda: self._import(self.second_rows, by=other, name="b.xlsx"),
            "create": lambda: self._create(self.taken, by=other),
        }[kinds[1]]
        return held.run(first, second)

    def kept(self, kinds: tuple[str, str]) -> list[str]:
        """The numbers stored once both are done: nothing accepted is lost (the
        first writer's rows, the second's other rows, the number once)."""
        numbers = {self.taken[self.key]}
        if kinds[0] == "import":
            numbers |= {r[self.key] for r in self.first_rows}
        if kinds[1] == "import":
            numbers |= {r[self.key] for r in self.second_rows}
        return sorted(numbers)
