"""Recall@10 of the site search on a held-out set (a figure, not a test).

Run: ``PYTHONPATH=src .venv/bin/python bench/search_recall.py [--verbose]``; for
PostgreSQL set ``BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_NAME``
(a fresh test database ``<NAME>_recall`` is created and dropped; the named one is
not touched).

The corpus (``search/tests/data/recall_corpus.jsonl``: titles, 文号 and opening
paragraphs of real public documents of many issuers, not the demo) is indexed
through ``search.services.index_bulk`` as documents, the ranking statistics are
refreshed as ``gongkai search reindex`` does, and every query of
``recall_queries.jsonl`` (typed as people type them: punctuation or not,
abbreviations, full-width forms, 文号) runs through ``search_run`` exactly as the
/search/ page does. recall@10 of a query is the share of its relevant documents
among the first ten results; the figure printed is the mean over the queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "gongkai" / "search" / "tests" / "data"
SH = dt.timezone(dt.timedelta(hours=8))


def load(name: str) -> list[dict[str, object]]:
    """The rows of one JSON Lines file of the recall set."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def setup() -> tuple[object, str]:
    """Django on a fresh test database: the connection and the name to restore."""
    import django

    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    django.setup()
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "postgresql":
        test["NAME"] = f"{name}_recall"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return connection, name


def index(now: dt.datetime) -> None:
    """Index the corpus as published documents, then refresh the statistics."""
    from gongkai.documents.models import Document
    from gongkai.search import registry
    from gongkai.search.services import index_bulk, search_stats_refresh

    source = registry.by_kind(Document._meta.label_lower)
    assert source is not None
    items = []
    for n, row in enumerate(load("recall_corpus.jsonl"), start=1):
        number = str(row["doc_number"])
        items.append(
            (
                n,
                registry.Entry(
                    title=str(row["title"]),
                    body=str(row["body"]),
                    url=f"/recall/{row['id']}/",
                    date=dt.date.fromisoformat(str(row["date"])),
                    visible_from=now - dt.timedelta(days=1),
                    issuer=str(row["issuer"]),
                    codes=[number] if number else [],
                ),
            )
        )
    index_bulk(source=source, items=items, now=now)
    search_stats_refresh(now=now)


def recall(now: dt.datetime, verbose: bool) -> float:
    """Mean recall@10 over the queries; misses printed with ``verbose``."""
    from gongkai.search.selectors import search_run

    total = 0.0
    queries = load("recall_queries.jsonl")
    for row in queries:
        relevant = set(map(str, row["relevant"]))  # type: ignore[call-overload]
        result = search_run(query=str(row["query"]), now=now, per_page=10)
        found = [h.url.split("/")[2] for h in result.hits]
        share = len(relevant & set(found)) / len(relevant)
        total += share
        if verbose and share < 1:
            missing = ", ".join(sorted(relevant - set(found)))
            print(f"  {share:4.2f}  {row['query']}  (missing {missing})")
    return total / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    connection, name = setup()
    now = dt.datetime(2026, 11, 2, 10, tzinfo=SH)
    try:
        index(now)
        figure = recall(now, args.verbose)
        print(
            f"recall@10 ({connection.vendor}, "  # type: ignore[attr-defined]
            f"{len(load('recall_queries.jsonl'))} queries, "
            f"{len(load('recall_corpus.jsonl'))} documents): {figure:.3f}"
        )
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
