"""The search index: one row per searchable object of any registered source.

The tokens live beside the row in the backend's own structure: an FTS5 table
``search_fts`` (SQLite) or the GIN-indexed ``tsv`` column (PostgreSQL); both are
created by the migration for the database in use (see ``backends``).
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=64)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    visible_until = models.DateTimeField(null=True, blank=True)
    issuer = models.CharField(max_length=200, blank=True)
    validity = models.CharField(max_length=20, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField()
    # Last, so that SQLite reads every other column of a row without walking the
    # body's overflow pages (migration 0005 moved it here).
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_once"
            )
        ]
        indexes = [
            models.Index(fields=["visible_from"]),
            models.Index(fields=["visible_until"]),
            models.Index(fields=["date"]),
            # The midnight an entry expires marks search pages stale (module.py).
            models.Index(fields=["expires_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchCode(models.Model):
    """An exact identifier (文号, 索引号 ...) of an entry, or a 文号 its text quotes: a
    query equal to one is answered from this table (own codes first)."""

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="codes"
    )
    code = models.CharField(max_length=120, db_index=True)
    # False: the entry's own identifier; True: a 文号 its text quotes (rules.py).
    mention = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.code


class SearchVersion(models.Model):
    """A counter bumped by every index write: cached results are keyed by it."""

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)


class SearchTerm(models.Model):
    """How many entries hold a word (its document frequency, for BM25's idf).

    Statistics, like the planner's: rebuilt from the engine by ``search_stats_refresh``
    (after every reindex, and nightly by ``gongkai search stats``), not on each
    write. A word missing here counts as held by one entry."""

    term = models.CharField(max_length=100, primary_key=True)
    entries = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.term}: {self.entries}"


class SearchStats(models.Model):
    """One row: the number of entries and their average length (characters of the
    title and of the body up to ``rules.RANK_CHARS``) when ``SearchTerm`` was last
    rebuilt."""

    entries = models.PositiveIntegerField(default=0)
    average_length = models.FloatField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.entries} entries, {self.average_length:.0f} tokens"


class SearchSynonym(models.Model):
    """A set of phrases the office declares to mean the same in search (added to
    the built-in ``thesaurus.BUILTIN`` at query time)."""

    # One phrase per line; with ``directed`` the first expands to the others only.
    phrases = models.TextField()
    directed = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return " = ".join(self.phrase_list())

    def phrase_list(self) -> list[str]:
        return [p.strip() for p in self.phrases.splitlines() if p.strip()]


class SearchQueryWeek(models.Model):
    """How often a query (``thesaurus.normalise``d, personal data masked) was
    searched in a week, found nothing, and had a result opened: counts only, no
    address, no session, nothing about who searched."""

    week = models.DateField()  # the Monday, local time
    query = models.CharField(max_length=200)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="search_query_week")
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.query}: {self.searches}"
