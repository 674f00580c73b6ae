"""Verification of a dsr-draw/1 output against its input (DRAW.md §11, §12.1, §14).

:func:`verify` does what §11 asks of anyone and of an auditor with the full snapshot:
it re-runs the draw, runs the independent §11 checks on the claimed output (so a
failure names the broken rule), checks every assignment against §9.2, and finally
compares the claimed output with the re-run field by field (§11 auditor 2: byte for
byte), reporting each differing path. §12.1 allows the public copy to leave out the
``inspectors`` arrays of ``teams``; such an output still verifies, with a note.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from . import checks
from .commit import jcs_normalised
from .engine import DrawRun, run
from .errors import DrawInputError
from .inputs import parse_input
from .parallel import gc_paused, run_parallel_then
from .report import Finding, VerifyReport
from .strictjson import loads, normalise

MAX_DIFF_FINDINGS = 50

_CHECKS: tuple[Callable[[Any, DrawRun], list[Finding]], ...] = (
    checks.check_commit,
    lambda claimed, r: checks.check_strata(claimed["result"], r),
    checks.check_selected,
    lambda claimed, r: checks.check_teams(claimed["result"], r),
    lambda claimed, r: checks.check_snapshot_selection(claimed["result"], r),
    lambda claimed, r: checks.check_eligibility(claimed["result"], r),
)

# The most specific finding code for a difference at a path of the output (§10 fields).
_DIFF_CODES: tuple[tuple[str, str], ...] = (
    ("seed", "seed_mismatch"),
    ("commit.", "commit_mismatch"),
    ("commit", "commit_mismatch"),
    ("result.commit_hash", "commit_hash_mismatch"),
    ("result.beacon_randomness", "beacon_randomness_mismatch"),
    ("result.contributions", "contributions_mismatch"),
    ("result.selected_count", "selected_count_mismatch"),
    ("result.selected", "selection_mismatch"),
    ("result.reserves", "reserve_mismatch"),
    ("result.strata", "strata_mismatch"),
    ("result.teams", "team_mismatch"),
    ("result.unstaffed", "unstaffed_mismatch"),
    ("result.capacity", "capacity_mismatch"),
    ("result_root", "result_root_mismatch"),
)


def verify(
    vector_or_bundle: Mapping[str, Any] | bytes | str, *, workers: int = 1
) -> VerifyReport:
    """Verify a vector (``input`` + ``expected``) or bundle (``input`` + ``output``).

    Raises :class:`DrawInputError` when the input itself is invalid (nothing to verify
    against); returns a report whose ``ok`` is False when the output does not verify.
    """
    doc = vector_or_bundle
    if isinstance(doc, bytes | str):
        doc = loads(doc)
    if not isinstance(doc, Mapping) or "input" not in doc:
        raise DrawInputError(
            "invalid_bundle", "$", "needs 'input' and 'output' or 'expected'"
        )
    claimed_keys = [k for k in ("output", "expected") if k in doc]
    if len(claimed_keys) != 1:
        raise DrawInputError(
            "invalid_bundle", "$", "exactly one of 'output' or 'expected'"
        )
    claimed = doc[claimed_keys[0]]
    if workers > 1:  # roots in a second process (.parallel): same result
        # The checks run on the speculative draw while the child still hashes: they
        # do not read the informative first leaves (§14), all that could differ.
        with gc_paused():  # no collection walks the million records meanwhile
            return run_parallel_then(
                parse_input(doc["input"]),
                claimed,
                lambda rerun: verify_output(rerun, claimed),
            )[1]
    return verify_output(run(doc["input"]), claimed)


def verify_output(rerun: DrawRun, claimed_raw: Any) -> VerifyReport:
    """Check a claimed output record against a re-run of its (validated) input."""
    try:
        claimed = normalise(claimed_raw)
    except DrawInputError as exc:
        return VerifyReport((Finding("output_malformed", exc.path, exc.message_en),))
    expected, notes = _expected_for(claimed, rerun.output)
    findings: list[Finding] = []
    if _has_shape(claimed):
        for check in _CHECKS:
            try:
                findings += check(claimed, rerun)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                findings.append(
                    Finding("output_malformed", "$", f"{type(exc).__name__}: {exc}")
                )
    else:
        findings.append(
            Finding("output_malformed", "$", "needs commit, seed, result, result_root")
        )
    # The criterion is JCS equality (§10), whatever the checks above say. Both sides
    # are normalised (the claim above, the re-run from a normalised input); only when
    # they differ is it worth walking both to name each differing path.
    if jcs_normalised(expected) != jcs_normalised(claimed):
        findings += _diff_findings(expected, claimed)
        if not findings:
            findings.append(Finding("output_mismatch", "$"))
    unique = tuple(dict.fromkeys(findings))
    return VerifyReport(unique, tuple(notes))


def _has_shape(claimed: Any) -> bool:
    return (
        isinstance(claimed, Mapping)
        and isinstance(claimed.get("commit"), Mapping)
        and isinstance(claimed.get("result"), Mapping)
        and "seed" in claimed
        and "result_root" in claimed
    )


def _expected_for(
    claimed: Any, output: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The re-run output, minus ``inspectors`` where the claimed copy omits them."""
    try:
        claimed_teams = claimed["result"]["teams"]
        redacted = [
            g
            for g, team in enumerate(claimed_teams)
            if isinstance(team, Mapping) and "inspectors" not in team
        ]
    except (KeyError, TypeError):
        return output, []
    if not redacted:
        return output, []
    expected = copy.deepcopy(output)
    for g in redacted:
        if g < len(expected["result"]["teams"]):
            del expected["result"]["teams"][g]["inspectors"]
    return expected, [
        f"§12.1: inspectors of {len(redacted)} team(s) left out of the public copy"
    ]


def _diff_findings(expected: Any, claimed: Any) -> list[Finding]:
    diffs: list[tuple[str, str]] = []
    _diff(expected, claimed, "", diffs)
    out = [
        Finding(_code_for(path), path or "$", detail)
        for path, detail in diffs[:MAX_DIFF_FINDINGS]
    ]
    if len(diffs) > MAX_DIFF_FINDINGS:
        out.append(
            Finding(
                "output_mismatch",
                "$",
                f"{len(diffs) - MAX_DIFF_FINDINGS} more differences",
            )
        )
    return out


def _code_for(path: str) -> str:
    if path.startswith("result.selected[") and path.endswith(".team"):
        return "assignment_mismatch"
    if path.startswith("result.teams[") and path.endswith(".load"):
        return "load_mismatch"
    for prefix, code in _DIFF_CODES:
        if path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".["):
            return code
    return "output_mismatch"


def _diff(expected: Any, got: Any, path: str, out: list[tuple[str, str]]) -> None:
    """Collect (path, detail) for every leaf where ``got`` differs from ``expected``."""
    if isinstance(expected, Mapping) and isinstance(got, Mapping):
        for key in sorted(set(expected) | set(got)):
            sub = f"{path}.{key}" if path else key
            if key not in got:
                out.append((sub, "missing"))
            elif key not in expected:
                out.append((sub, "unexpected field"))
            else:
                _diff(expected[key], got[key], sub, out)
        return
    if isinstance(expected, list) and isinstance(got, list):
        for i, (e, g) in enumerate(zip(expected, got, strict=False)):
            _diff(e, g, f"{path}[{i}]", out)
        if len(expected) != len(got):
            out.append((path, f"expected {len(expected)} items, got {len(got)}"))
        return
    if type(expected) is not type(got) or expected != got:
        out.append((path, f"expected {expected!r}, got {got!r}"))
