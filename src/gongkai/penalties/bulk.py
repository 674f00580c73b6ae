"""Fast inserts for imports: one ``executemany`` per batch.

``QuerySet.bulk_create`` spends most of its time compiling each of the ~65 values of
each row; here the columns and their converters are resolved once and rows go in as
plain parameter lists. Values are converted exactly as Django would
(``connection.ops.adapt_*``), so the rows read back identically on SQLite and
PostgreSQL. Nothing else in the app writes this way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import connection, models


def _converter(field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    kind = field.get_internal_type()
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    if kind == "DecimalField":
        digits, places = field.max_digits, field.decimal_places
        return lambda v: ops.adapt_decimalfield_value(v, digits, places)
    if kind == "JSONField":
        return lambda v: field.get_db_prep_save(v, connection)
    return lambda v: v


class Inserter:
    """INSERT rows given as {field name: value} (FKs by ``<name>_id``)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (isinstance(f, models.AutoField) or f.primary_key)
        ]
        self.converters = [_converter(f) for f in self.fields]
        self.defaults = [f.get_default() for f in self.fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (quoted names)

    def insert(self, rows: Iterable[Mapping[str, Any]], *, now: dt.datetime) -> int:
        """Insert ``rows``; auto_now / auto_now_add fields get ``now``."""
        params = []
        for row in rows:
            values = []
            for field, convert, default in zip(
                self.fields, self.converters, self.defaults, strict=True
            ):
                if getattr(field, "auto_now", False) or getattr(
                    field, "auto_now_add", False
                ):
                    value = now
                elif field.attname in row:
                    value = row[field.attname]
                else:
                    value = row.get(field.name, default)
                values.append(None if value is None else convert(value))
            params.append(values)
        if params:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, params)
        return len(params)
