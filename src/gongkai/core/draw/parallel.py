"""A re-run that uses a second core: snapshot roots beside the draw (§11 auditor).

Hashing a million-record snapshot into its roots (§4) and re-running the draw (§7–§10)
are the two halves of an auditor's verification; the draw needs commit_hash, which
needs the roots. When the output to verify claims a commit, its roots are a guess:
the draw runs on the guess while a forked process computes the real roots. If they
are equal, the draw ran on exactly the commit it would have built (same output, §13);
otherwise it is run again on the real roots. Opt-in (``verify(..., workers=2)``, the
CLI's ``--jobs 2``): forking is for command-line use, not inside a threaded server.

The child is one forked process that starts hashing at once and sends the roots back
through a pipe (no pool: its start-up hand-off and helper threads cost the parent
time). The cyclic garbage collector is paused meanwhile (:func:`gc_paused`): a
collection would walk the million records in both processes, and in the child touch
(copy) every shared page it walks. If the child fails, the parent hashes the roots.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from .engine import DrawRun, freeze, run_frozen, run_parsed
from .records import DrawInput
from .snapshot import Roots, snapshot_roots

T = TypeVar("T")

_SHARED: DrawInput | None = None  # inherited by the forked child, never pickled


def _roots_of_shared() -> Roots:
    assert _SHARED is not None
    return snapshot_roots(_SHARED)


def _send_roots(conn: Connection) -> None:
    try:
        conn.send(_roots_of_shared())
    finally:
        conn.close()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the previous state after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def claimed_roots(claimed: Any) -> Roots | None:
    """The roots and counts a claimed output's commit states, or None."""
    try:
        commit = claimed["commit"]
        if not isinstance(commit, Mapping):
            return None
        return Roots(
            targets_root=bytes.fromhex(commit["targets_root"]),
            inspectors_root=bytes.fromhex(commit["inspectors_root"]),
            coi_root=bytes.fromhex(commit["coi_root"]),
            targets_count=int(commit["targets_count"]),
            inspectors_count=int(commit["inspectors_count"]),
            coi_count=int(commit["coi_count"]),
            first_leaves={},
        )
    except (KeyError, TypeError, ValueError):
        return None


def _same_roots(a: Roots, b: Roots) -> bool:
    return replace(a, first_leaves={}) == replace(b, first_leaves={})


def _speculate(
    data: DrawInput, guess: Roots, then: Callable[[DrawRun], T]
) -> tuple[DrawRun, T, Roots | None]:
    """The draw on ``guess`` and ``then`` of it here, the roots in a forked child
    meanwhile (None if it failed)."""
    global _SHARED
    ctx = multiprocessing.get_context("fork")
    _SHARED = data
    try:
        receiver, sender = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_send_roots, args=(sender,), daemon=True)
        child.start()  # forks now: the child hashes while this process draws
    finally:
        _SHARED = None
    sender.close()
    try:
        speculative = run_frozen(freeze(data, guess, encode=False))
        after = then(speculative)
        try:
            roots: Roots | None = receiver.recv()
        except EOFError:  # the child died without sending
            roots = None
    except BaseException:
        child.kill()
        child.join()
        raise
    finally:
        receiver.close()
    # Not joined: waiting for the child to unmap its copy of the heap costs the
    # caller ~0.1 s; multiprocessing reaps it at its next start or at exit.
    return speculative, after, roots


def _on_roots(speculative: DrawRun, roots: Roots) -> DrawRun:
    """The speculative run with the real roots' informative first leaves (§14)."""
    frozen = replace(speculative.frozen, roots=roots)
    trace = {**speculative.trace, "first_leaves": roots.first_leaves}
    return replace(speculative, frozen=frozen, trace=trace)


def run_parallel_then(
    data: DrawInput, claimed: Any, then: Callable[[DrawRun], T]
) -> tuple[DrawRun, T]:
    """``(run, then(run))`` with ``run = run_parsed(data)``, using two processes when
    it can: ``then`` runs on the speculative draw while the child still hashes.

    ``then`` must not look at the roots' informative ``first_leaves`` (the only part
    of a run on the claimed roots that differs when they are the real ones).
    """
    guess = claimed_roots(claimed)
    if guess is None or "fork" not in multiprocessing.get_all_start_methods():
        rerun = run_parsed(data)
        return rerun, then(rerun)
    with gc_paused():  # callers may pause it longer (verify does)
        speculative, after, roots = _speculate(data, guess, then)
    if roots is None:
        roots = snapshot_roots(data)
    if not _same_roots(roots, guess):
        rerun = run_frozen(
            freeze(data, roots, encode=False)
        )  # the claim was wrong: do it properly
        return rerun, then(rerun)
    return _on_roots(speculative, roots), after


def _nothing(run: DrawRun) -> None:
    return None


def run_parallel(data: DrawInput, claimed: Any) -> DrawRun:
    """The same DrawRun as ``run_parsed(data)``, using two processes when it can."""
    return run_parallel_then(data, claimed, _nothing)[0]
