"""The search analytics' counts (``services_office``), kept in the process for a
moment and written together.

Every first-page search and every opened result is counted. Written one by one,
each search was a database write, and a popular query one row that every worker
queued on (a row lock and a commit per request); a search answered from the page
cache (``PublicPages.on_hit``) could not be counted at all without rendering.

So a count is added here, in memory, and ``GONGKAI_SEARCH_COUNT_SECONDS`` later
(default 2) a timer writes every count it holds: the searches in one statement
(``search_counts_record_many``), then one update per query clicked (a click
counts only for a query searched that week).
Whether a search found nothing is known when the page was rendered; for a cached
answer it is looked up once per distinct search when the counts are written.

What a process that dies without exiting loses is at most those seconds of counts
(numbers for the office's analytics, never a visitor's input); a normal exit writes
them (``atexit``). 0 seconds writes each count at once, in the request (tests).
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import threading
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from .forms import search_params
from .selectors import MAX_QUERY, search_run_cached
from .services_office import search_click_record, search_counts_record_many

logger = logging.getLogger(__name__)

# The parameters that make two searches the same search (the page aside).
SEARCH_PARAMS = ("q", "type", "issuer", "year", "validity", "sort")

Search = tuple[tuple[str, str], ...]
# (search, day) -> [times, of them found nothing, of them unknown (cached), first moment]
# (query, day) -> [times, first moment]
_searches: dict[tuple[Search, dt.date], list[Any]] = {}
_clicks: dict[tuple[str, dt.date], list[Any]] = {}
_lock = threading.Lock()
_timer: threading.Timer | None = None


def _seconds() -> float:
    return float(getattr(settings, "GONGKAI_SEARCH_COUNT_SECONDS", 2))


def _day(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def first_page_search(params: Mapping[str, str]) -> Search | None:
    """The search ``params`` ask for, if it is a new one: a query, the first page
    (paging on is not a new search; a page number the form refuses means page 1)."""
    if not (params.get("q") or "")[:MAX_QUERY].strip():
        return None
    try:
        if int(params.get("page") or 1) > 1:
            return None
    except ValueError:
        pass
    return tuple((name, params.get(name) or "") for name in SEARCH_PARAMS)


def count_search(
    request: HttpRequest, *, found: int | None = None, now: dt.datetime | None = None
) -> None:
    """Count the search ``request`` made (a GET of the search page); ``found``: the
    number of results, when the page was rendered (None: answered from the cache)."""
    if request.method != "GET":
        return
    search = first_page_search(request.GET)
    if search is None:
        return
    now = now or timezone.now()
    with _lock:
        slot = _searches.setdefault((search, _day(now)), [0, 0, 0, now])
        slot[0] += 1
        if found is None:
            slot[2] += 1
        elif found == 0:
            slot[1] += 1
    _soon()


def count_click(query: str, *, now: dt.datetime | None = None) -> None:
    """Count one opened result of ``query``."""
    if not query.strip():
        return
    now = now or timezone.now()
    with _lock:
        _clicks.setdefault((query, _day(now)), [0, now])[0] += 1
    _soon()


def _soon() -> None:
    global _timer
    seconds = _seconds()
    if seconds <= 0:
        flush()
        return
    with _lock:
        if _timer is None:
            _timer = threading.Timer(seconds, _flush_from_timer)
            _timer.daemon = True
            _timer.start()


def _flush_from_timer() -> None:
    try:
        flush()
    finally:
        connection.close()  # this thread's own connection


def flush() -> int:
    """Write every count held (searches first); returns how many were written."""
    global _timer
    with _lock:
        searches, clicks = dict(_searches), dict(_clicks)
        _searches.clear()
        _clicks.clear()
        if _timer is not None and _timer is not threading.current_thread():
            _timer.cancel()
        _timer = None
    written = 0
    counts: list[tuple[str, int, int, dt.datetime]] = []
    for (search, _day_of), (times, zero, unknown, first) in searches.items():
        params = dict(search)
        try:
            if unknown:
                cleaned = search_params(params)
                total = search_run_cached(now=first, **cleaned).total  # type: ignore[arg-type]
                zero += unknown if total == 0 else 0
            counts.append((params["q"], times, zero, first))
        except Exception:  # a count must never fail a request or stop the others
            logger.exception("search counts not written for %r", params.get("q"))
    try:
        search_counts_record_many(counts)
        written += sum(count[1] for count in counts)
    except Exception:
        logger.exception("search counts not written (%d queries)", len(counts))
    for (query, _day_of), (times, first) in clicks.items():
        try:
            search_click_record(query=query, now=first, times=times)
            written += times
        except Exception:
            logger.exception("search clicks not written for %r", query)
    return written


atexit.register(flush)
