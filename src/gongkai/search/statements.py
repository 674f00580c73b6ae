"""How a search's statements go to the database: one at a time (``fetch``), with
PostgreSQL's bitmap scans off for one query (``without_bitmaps``), or several in
one message, one round trip (``together``, ``drive``). ``backends`` builds the
statements; each is a ``Step``: how to run it, its SQL and its values."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import suppress
from typing import Any

from django.db import connection, transaction


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of one statement."""
    with connection.cursor() as cur:
        cur.execute(sql, list(params))
        return list(cur.fetchall())


# One statement of a search: how to run it (``fetch``, ``keyed`` or
# ``without_bitmaps``), its SQL and its values.
Step = tuple[Callable[[str, Sequence[Any]], list[tuple[Any, ...]]], str, list[Any]]


def run(step: Step | None) -> list[tuple[Any, ...]] | None:
    """The rows of ``step`` on its own (None: none)."""
    return step[0](step[1], step[2]) if step else None


def one_message() -> bool:
    """Whether statements sent together run as one transaction of their own:
    outside a caller's transaction, with Django's client-side binding (which
    sends a query with its values as one simple-query message)."""
    options = connection.settings_dict.get("OPTIONS", {})
    alone = connection.get_autocommit() and not connection.in_atomic_block
    return alone and not options.get("server_side_binding")


def without_bitmaps(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one query with bitmap scans off, for that query only.

    Outside a transaction the setting and the query go as one message:
    PostgreSQL runs the statements of one message as one transaction, so ``SET
    LOCAL`` ends with it, in one round trip (Django's client-side binding sends
    a query with its values as such a message). Inside a caller's transaction
    the setting would outlive the query: it is saved and put back."""
    if one_message():
        with connection.cursor() as cur:
            cur.execute("SET LOCAL enable_bitmapscan = off; " + sql, list(params))
            cur.nextset()
            return list(cur.fetchall())
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT current_setting('enable_bitmapscan')")
        before = cur.fetchone()[0]
        cur.execute("SET LOCAL enable_bitmapscan = off")
        try:
            cur.execute(sql, list(params))
            return list(cur.fetchall())
        finally:
            cur.execute("SELECT set_config('enable_bitmapscan', %s, true)", [before])


def keyed(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """``fetch`` for a statement read along a b-tree (a walk along the primary
    key, ``_walk``; the rows carrying a code): its plan is as good with bitmap
    scans on or off, so it may run either way (``together``)."""
    return fetch(sql, params)


def run_for(runs: set[Callable[..., Any]]) -> Callable[..., Any]:
    """How to run one statement made of statements run by ``runs``."""
    if without_bitmaps in runs:
        return without_bitmaps
    return fetch if fetch in runs else keyed


def together(steps: Sequence[Step]) -> list[list[tuple[Any, ...]]]:
    """Each step's rows. Outside a transaction, with Django's client-side binding,
    the steps go in one message (one round trip; a message is one transaction,
    so ``SET LOCAL`` holds for its statements only, as in ``without_bitmaps``):
    with bitmap scans off where one needs them off, unless another needs them
    (a GIN plan, ``fetch``). Otherwise one after another."""
    runs = {run for run, _sql, _args in steps}
    if len(steps) < 2 or not one_message() or {fetch, without_bitmaps} <= runs:
        return [run(sql, args) for run, sql, args in steps]
    off = without_bitmaps in runs
    with connection.cursor() as cur:
        cur.execute(
            ("SET LOCAL enable_bitmapscan = off; " if off else "")
            + "; ".join(sql for _run, sql, _args in steps),
            [value for _run, _sql, args in steps for value in args],
        )
        if off:
            cur.nextset()
        results = [list(cur.fetchall())]
        while cur.nextset():
            results.append(list(cur.fetchall()))
    return results


def drive(
    steps: Generator[Step, int, None], along: Step | None
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]] | None]:
    """The rows of ``steps`` (``_steps``: each told how many rows were found so
    far), and those of ``along`` (None: none), sent with the first step
    (``together``)."""
    step = next(steps, None)
    if step is None:
        return [], run(along)
    along_rows = None
    if along is None:
        rows = step[0](step[1], step[2])
    else:
        rows, along_rows = together([step, along])
    with suppress(StopIteration):
        while True:
            how, sql, args = steps.send(len(rows))
            rows += how(sql, args)
    return rows, along_rows
