"""Fast idempotent inserts for imports, a few statements per batch.

``QuerySet.bulk_create`` spends most of its time compiling each of the ~65 values of
each row; here the columns, their converters and the values common to a whole import
(department, author, run, times) are resolved once, and a row only fills the columns
it has. Values are converted exactly as Django would (``connection.ops.adapt_*``), so
rows read back identically on SQLite and PostgreSQL.

Idempotent on the unique column ``conflict`` (the decision number): a row whose key
another writer stored meanwhile is skipped, not an error, and ``insert`` returns the
keys it did store.

* SQLite: one ``executemany`` of ``INSERT … ON CONFLICT DO NOTHING``.
* PostgreSQL: ``COPY`` into a temporary staging table (psycopg 3 ``cursor.copy``),
  then one ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING``.

Nothing else in the app writes this way.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations

_STAGE = "gk_import_stage"


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    ops = connection.ops
    kind = field.get_internal_type()
    if connection.vendor == "postgresql" and kind != "JSONField":
        return None  # psycopg adapts dates, datetimes and decimals itself
    # An import repeats few dates and times (decision days, window ends): remembered.
    if kind == "DateField":
        return functools.lru_cache(maxsize=4096)(ops.adapt_datefield_value)
    if kind == "DateTimeField":
        return functools.lru_cache(maxsize=4096)(ops.adapt_datetimefield_value)
    if kind == "DecimalField":
        if (
            type(ops).adapt_decimalfield_value
            is BaseDatabaseOperations.adapt_decimalfield_value
        ):
            return None  # the base adapter returns the value as it is
        digits, places = field.max_digits, field.decimal_places
        return lambda v: ops.adapt_decimalfield_value(v, digits, places)
    if kind == "JSONField":
        return lambda v: field.get_db_prep_save(v, connection)
    return None


class Inserter:
    """INSERT rows given as {attname: value}; ``constants`` hold the values common
    to every row, auto_now / auto_now_add fields get ``now``."""

    def __init__(
        self,
        model: type[models.Model],
        *,
        conflict: str,
        constants: Mapping[str, Any],
        now: dt.datetime,
    ) -> None:
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (isinstance(f, models.AutoField) or f.primary_key)
        ]
        self.position = {f.attname: i for i, f in enumerate(self.fields)}
        self.converters = [_converter(f) for f in self.fields]
        template: list[Any] = []
        for f, convert in zip(self.fields, self.converters, strict=True):
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.attname in constants:
                value = constants[f.attname]
            else:
                value = f.get_default()
            if value is not None and convert is not None:
                value = convert(value)
            template.append(value)
        self.template = template
        self.key = self.position[conflict]
        q = connection.ops.quote_name
        self.table = q(model._meta.db_table)
        self.columns = ", ".join(q(f.column) for f in self.fields)
        self.conflict = q(model._meta.get_field(conflict).column)
        # The template by attname: a row's own values are laid over it, and one
        # itemgetter takes every column in order (C loops, not a Python one).
        self._defaults = {
            f.attname: v for f, v in zip(self.fields, template, strict=True)
        }
        self._getter = operator.itemgetter(*self.position)
        self._plans: dict[tuple[str, ...], list[tuple[int, Any]]] = {}

    def _plan(self, names: tuple[str, ...]) -> list[tuple[int, Any]]:
        """The columns a row with these keys gives that need converting."""
        plan = self._plans.get(names)
        if plan is None:
            plan = [
                (self.position[n], self.converters[self.position[n]])
                for n in names
                if n in self.position and self.converters[self.position[n]]
            ]
            self._plans[names] = plan
        return plan

    def params(self, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
        """The parameter list of each row, in column order."""
        out = []
        defaults, getter = self._defaults, self._getter
        for row in rows:
            values = list(getter({**defaults, **row}))
            for i, convert in self._plan(tuple(row)):
                value = values[i]
                if value is not None:
                    values[i] = convert(value)
            out.append(values)
        return out

    def params_slow(self, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
        """``params`` column by column (the reference its tests compare with)."""
        out = []
        for row in rows:
            values = self.template.copy()
            for name, value in row.items():
                if name not in self.position:
                    continue
                i = self.position[name]
                convert = self.converters[i]
                values[i] = (
                    value if value is None or convert is None else convert(value)
                )
            out.append(values)
        return out

    def insert(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        """Insert ``rows``; the conflict keys of the rows actually stored."""
        if not rows:
            return []
        params = self.params(rows)
        if connection.vendor == "postgresql":
            return self._copy(params)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = (
            f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks}) "  # noqa: S608 (quoted names)
            f"ON CONFLICT ({self.conflict}) DO NOTHING"
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
            stored = cursor.rowcount
        keys = [p[self.key] for p in params]
        if stored == len(params):
            return keys
        # Some keys were stored meanwhile by another writer: ask which are ours.
        return self._ours(keys)

    def _ours(self, keys: list[Any]) -> list[Any]:
        run_column = connection.ops.quote_name("import_run_id")
        run_id = self.template[self.position["import_run_id"]]
        marks = ", ".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {self.conflict} FROM {self.table} "  # noqa: S608 (quoted names)
                f"WHERE {run_column} = %s AND {self.conflict} IN ({marks})",
                [run_id, *keys],
            )
            found = {r[0] for r in cursor.fetchall()}
        return [k for k in keys if k in found]

    def _copy(self, params: list[list[Any]]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {_STAGE} ON COMMIT DELETE ROWS AS "  # noqa: S608 (quoted names)
                f"SELECT {self.columns} FROM {self.table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {_STAGE}")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {_STAGE} ({self.columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
            cursor.execute(
                f"INSERT INTO {self.table} ({self.columns}) "  # noqa: S608 (quoted names)
                f"SELECT {self.columns} FROM {_STAGE} "
                f"ON CONFLICT ({self.conflict}) DO NOTHING RETURNING {self.conflict}"
            )
            found = {r[0] for r in cursor.fetchall()}
        return [p[self.key] for p in params if p[self.key] in found]
