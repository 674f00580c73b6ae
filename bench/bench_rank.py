"""Ranking a search's candidates (not a test; nothing asserted).

Run: ``.venv/bin/python bench/bench_rank.py [--candidates 500] [--repeat 200]``

BM25 (``rules.bm25``) counts each query word in the title and the opening of
every candidate (``rules.RANK_CHARS`` characters at most). Three ways, for two
common words over ``--candidates`` rows, at the benchmark site's average body
(470 characters) and at a real catalogue's (3,000):

* ``rules.bm25_scores``: every word counted in every text, each search;
* ``ranktexts.scores``, first search of the words in a search state: counted
  and kept;
* ``ranktexts.scores`` again: the kept counts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import timeit
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src")]

WORDS = [
    *("监督", "抽查", "产品", "质量", "检验", "公开", "信息", "政府", "电梯", "安全"),
    *("特种设备", "计量", "标准", "认证", "市场", "管理", "行政", "许可", "处罚"),
    *("企业", "生产", "销售", "检查", "结果", "通知", "公告", "规定", "办法"),
]


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(WORDS) + rng.choice("，。、的和对")
        out.append(word)
        size += len(word)
    return "".join(out)[:chars]


def _measure(chars: int, candidates: int, repeat: int) -> None:
    from gongkai.search import ranktexts
    from gongkai.search.rules import bm25_scores

    terms, idfs, average = ["监督", "抽查"], [1.2, 1.5], float(chars)
    rng = random.Random(chars)
    rows = [
        (i, "", "", "", None, "", "", None, _text(rng, 30), _text(rng, chars))
        for i in range(candidates)
    ]
    texts = [(r[ranktexts.TITLE], r[ranktexts.OPENING]) for r in rows]

    def counted() -> None:
        bm25_scores(texts, terms, idfs, average)

    def first() -> None:
        ranktexts.forget()
        ranktexts.rank_rows([], "bench", read=False)  # this state's owner
        ranktexts.scores(rows, terms, idfs, average, "bench")

    def kept() -> None:
        ranktexts.scores(rows, terms, idfs, average, "bench")

    first()
    assert ranktexts.scores(rows, terms, idfs, average, "bench") == bm25_scores(
        texts, terms, idfs, average
    )
    label = f"{candidates} candidates of {chars:,} characters, two words"
    for name, call in (
        ("counted each search (bm25_scores)", counted),
        ("first search in a state (counted, kept)", first),
        ("again (kept counts)", kept),
    ):
        first()
        seconds = min(timeit.repeat(call, number=repeat, repeat=3))
        print(f"{label}: {name:<42} {seconds / repeat * 1e3:8.3f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    import django

    django.setup()
    for chars in (470, 3000):
        _measure(chars, args.candidates, args.repeat)


if __name__ == "__main__":
    main()
