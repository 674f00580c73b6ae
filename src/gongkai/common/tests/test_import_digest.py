"""batch_digest: the one-encoder form gives the digest of the original definition."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from gongkai.common.importing import batch_digest
from gongkai.common.importing.runner import jsonable


def _reference(batch: list[tuple[int, list[Any]]]) -> str:
    digest = hashlib.sha256()
    for number, cells in batch:
        line = json.dumps(
            [number, *cells],
            ensure_ascii=False,
            separators=(",", ":"),
            default=jsonable,
        )
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def test_batch_digest_equals_the_reference() -> None:
    batches: list[list[tuple[int, list[Any]]]] = [
        [],
        [(2, ["福州市某公司", None, 12.5, 3.0, 7])],
        [
            (
                5,
                ["闽质监罚字〔2026〕1号", dt.datetime(2026, 9, 1), dt.date(2026, 9, 2)],
            ),
            (6, [Decimal("0.500000"), dt.datetime(2026, 9, 1, 8, 30), "a\nb", True]),
            (9, ["\u3000全角", '"quoted"', "\\", ""]),
        ],
    ]
    for batch in batches:
        assert batch_digest(batch) == _reference(batch)
