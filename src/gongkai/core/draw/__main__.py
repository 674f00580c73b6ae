"""Command line for dsr-draw/1 (DRAW.md §10, §11, §14).

``python -m gongkai.core.draw INPUT.json``
    Read a §14 input object (bare, or a vector file's ``input``) and write the output
    record to stdout as JCS bytes, exactly the bytes §10 compares: no trailing newline.

``python -m gongkai.core.draw --verify VECTOR.json [--jobs 2]``
    Check the ``expected`` (vector) or ``output`` (bundle) against the ``input``;
    ``--jobs 2`` hashes the snapshot in a second process (same result).

Exit status: 0 drawn / verified, 1 does not verify, 2 invalid input or unreadable file.
Messages on stderr are in Chinese then English.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import DrawInputError, canonical_output, draw, load_json, verify
from .inputs import extract_input

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1
EXIT_INVALID = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m gongkai.core.draw",
        description="dsr-draw/1 可验证随机抽取 / verifiable random draw",
    )
    parser.add_argument("file", type=Path, help="input or vector JSON file")
    parser.add_argument(
        "--verify", action="store_true", help="verify the vector's expected output"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="with --verify: 2 hashes the snapshot roots in a second process",
    )
    args = parser.parse_args(argv)
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        print(
            f"无法读取文件 / cannot read file: {args.file}: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        if args.verify:
            return _verify(raw, args.jobs)
        output = draw(extract_input(load_json(raw)))
    except DrawInputError as exc:
        print(exc.bilingual(), file=sys.stderr)
        return EXIT_INVALID
    sys.stdout.buffer.write(canonical_output(output))
    sys.stdout.buffer.flush()
    return EXIT_OK


def _verify(raw: bytes, jobs: int = 1) -> int:
    report = verify(raw, workers=jobs)
    for note in report.notes:
        print(f"注 / note: {note}")
    if report.ok:
        print(report.summary())
        return EXIT_OK
    print(report.summary())
    print(report.summary(), file=sys.stderr)
    for finding in report.findings:
        print(f"  {finding.message()}", file=sys.stderr)
    return EXIT_NOT_VERIFIED


if __name__ == "__main__":
    sys.exit(main())
