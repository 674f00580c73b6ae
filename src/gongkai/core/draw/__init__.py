"""dsr-draw/1: the verifiable random draw for 双随机、一公开 inspections (DRAW.md).

Public API:

* :func:`draw` — run the draw on a §14 ``input`` object and return the §10 output
  record ``{"commit", "seed", "result", "result_root"}``;
* :func:`verify` — check an output against its input (§11), returning a
  :class:`VerifyReport`;
* :class:`DrawInputError` — invalid input (§3), with a stable ``code``;
* :func:`canonical_output` — the JCS bytes by which outputs are compared (§10);
* :func:`load_json` — strict JSON reading (duplicate keys, floats rejected; §2.4).

Pure Python: no Django, no settings, no clock. The package follows the steps of the
specification: :mod:`.primitives` (§2), :mod:`.inputs`/:mod:`.fields` (§3, §5),
:mod:`.snapshot` (§4), :mod:`.record` (§6, §7, §10), :mod:`.selection` (§8),
:mod:`.teams` (§9), :mod:`.verify`/:mod:`.checks` (§11).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..jcs import canonical_json
from .engine import DrawRun, run
from .errors import ERROR_CODES, DrawInputError
from .fields import canonical_uscc
from .inputs import PROTOCOL
from .primitives import sm3_available
from .report import FINDING_CODES, Finding, VerifyReport
from .strictjson import loads as load_json
from .verify import verify

__all__ = [
    "ERROR_CODES",
    "FINDING_CODES",
    "PROTOCOL",
    "DrawInputError",
    "DrawRun",
    "Finding",
    "VerifyReport",
    "canonical_output",
    "canonical_uscc",
    "draw",
    "draw_with_trace",
    "load_json",
    "sm3_available",
    "verify",
]


def draw(input: Mapping[str, Any]) -> dict[str, Any]:
    """Run dsr-draw/1 on a §14 ``input`` object and return the §10 output record."""
    return run(input).output


def draw_with_trace(
    input: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Like :func:`draw`, also returning the informative §14 trace."""
    result = run(input)
    return result.output, result.trace


def canonical_output(output: Mapping[str, Any]) -> bytes:
    """JCS(output): the bytes outputs are compared by (§10); no trailing newline."""
    return canonical_json(output)
