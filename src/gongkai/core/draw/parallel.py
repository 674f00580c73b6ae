"""A re-run that uses a second core: snapshot roots beside the draw (§11 auditor).

Hashing a million-record snapshot into its roots (§4) and re-running the draw (§7–§10)
are the two halves of an auditor's verification; the draw needs commit_hash, which
needs the roots. When the output to verify claims a commit, its roots are a guess:
the draw runs on the guess while a forked process computes the real roots. If they
are equal, the draw ran on exactly the commit it would have built (same output, §13);
otherwise it is run again on the real roots. Opt-in (``verify(..., workers=2)``, the
CLI's ``--jobs 2``): forking is for command-line use, not inside a threaded server.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .engine import DrawRun, freeze, run_frozen, run_parsed
from .records import DrawInput
from .snapshot import Roots, snapshot_roots

_SHARED: DrawInput | None = None  # inherited by the forked child, never pickled


def _roots_of_shared() -> Roots:
    assert _SHARED is not None
    return snapshot_roots(_SHARED)


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


def run_parallel(data: DrawInput, claimed: Any) -> DrawRun:
    """The same DrawRun as ``run_parsed(data)``, using two processes when it can."""
    global _SHARED
    guess = claimed_roots(claimed)
    if guess is None or "fork" not in multiprocessing.get_all_start_methods():
        return run_parsed(data)
    _SHARED = data
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            pending = pool.apply_async(_roots_of_shared)
            speculative = run_frozen(freeze(data, guess))
            roots = pending.get()
    finally:
        _SHARED = None
    if not _same_roots(roots, guess):
        return run_frozen(freeze(data, roots))  # the claim was wrong: do it properly
    frozen = replace(speculative.frozen, roots=roots)
    trace = {**speculative.trace, "first_leaves": roots.first_leaves}
    return replace(speculative, frozen=frozen, trace=trace)
