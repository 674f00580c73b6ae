"""The static build, or a large refresh, in several processes (``gongkai static
build --jobs N``; ``static.refresh(jobs=N)``).

The parent lists the pages, closes its database connections and forks ``jobs``
workers; each opens its own connection, renders disjoint chunks of the list into
the new tree (the same files one process writes) and sends back (URL name, path,
tags). The parent records the ``StaticPage`` rows and their tags and swaps the
symlink once (``static.static_build``). Forked workers see committed data only: a
build inside a transaction (a test's) renders in one process.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Iterator
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from django.db import connection, connections

from . import static

log = logging.getLogger(__name__)

# Pages a worker takes at a time: small enough that the last ones finish together.
CHUNK = 50

# The worker's tree and renderer (set once per process by ``_start``).
_worker: dict[str, Any] = {}


def chunks(pages: list[static.Page], size: int = CHUNK) -> list[list[static.Page]]:
    """``pages`` cut into disjoint consecutive slices of at most ``size``."""
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def render_parallel(
    tree: Path, pages: list[static.Page], *, jobs: int, fresh: bool = True
) -> Iterator[static.Built]:
    """Render ``pages`` into ``tree`` in ``jobs`` forked processes; each result as
    its chunk finishes (``fresh``: as ``static.render_pages``)."""
    if connection.in_atomic_block:
        raise RuntimeError("a build with jobs > 1 cannot run inside a transaction")
    if threading.active_count() > 1:
        # A process with other threads (a server, a test's live server) must not
        # fork: a lock one of them holds would stay locked in the child for ever.
        log.warning("other threads are running: the build renders in one process")
        yield from static.render_pages(tree, pages, fresh=fresh)
        return
    connections.close_all()  # each worker opens its own
    pool = multiprocessing.get_context("fork").Pool(
        jobs, initializer=_start, initargs=(tree, fresh)
    )
    try:
        for done in pool.imap_unordered(_render_chunk, chunks(pages)):
            yield from done
        pool.close()  # workers exit normally, closing their connections
        pool.join()
    finally:
        pool.terminate()


def _start(tree: Path, fresh: bool) -> None:
    _worker.update(tree=tree, renderer=static.Renderer(), fresh=fresh)
    Finalize(None, connections.close_all, exitpriority=10)


def _render_chunk(pages: list[static.Page]) -> list[static.Built]:
    return list(
        static.render_pages(
            _worker["tree"], pages, _worker["renderer"], fresh=_worker["fresh"]
        )
    )
