"""A contributor's value and commitment (DRAW.md §6.2, §7.2), and a command for them.

``python -m gongkai.core.draw.contrib TASK_ID CONTRIBUTOR_ID [--hash sm3]`` draws 32
random bytes on the contributor's own computer and prints the value (kept secret
until the reveal) and the commitment H(ENC("DSR-CONTRIB", task_id, id, v)) to hand in
before the commit. ``--value HEX`` recomputes the commitment of a value.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Sequence

from .errors import DrawInputError
from .fields import hex_bytes, text
from .primitives import HashProfile, enc


def commitment(
    profile: HashProfile, task_id: str, contributor_id: str, value: bytes
) -> bytes:
    """H(ENC("DSR-CONTRIB", task_id, id_j, v_j)) (§6.2)."""
    return profile.h(enc("DSR-CONTRIB", task_id, contributor_id, value))


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: print a fresh value and its commitment (or a given value's commitment)."""
    parser = argparse.ArgumentParser(
        prog="python -m gongkai.core.draw.contrib",
        description="dsr-draw/1 贡献值与承诺值 / contribution value and commitment",
    )
    parser.add_argument("task_id")
    parser.add_argument("contributor_id")
    parser.add_argument("--value", help="hex value (default: 32 fresh random bytes)")
    parser.add_argument("--hash", default="sha256", choices=["sha256", "sm3"])
    args = parser.parse_args(argv)
    try:
        profile = HashProfile.for_alg(args.hash)
        task_id = text(args.task_id, "task_id", 128)
        contributor_id = text(args.contributor_id, "contributor_id", 64)
        value = (
            secrets.token_bytes(32)
            if args.value is None
            else hex_bytes(args.value.strip().lower(), "value", span=(1, 64))
        )
    except DrawInputError as exc:
        print(exc.bilingual(), file=sys.stderr)
        return 2
    print(f"揭示值 / value (keep secret until the reveal): {value.hex()}")
    digest = commitment(profile, task_id, contributor_id, value)
    print(f"承诺值 / commitment: {digest.hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
