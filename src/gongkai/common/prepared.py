"""Querysets whose SQL is built once per process.

Django builds a query's SQL again on every evaluation: for a filter by key on a
wide model with two ``select_related`` tables that is about 0.5 ms of CPU, four
to five times what running the query costs (bench/static.md). A public page
that runs the same few queries on every render, with only the values changing
(a key, the moment of the request), pays that on every cache miss and on every
page of a static build.

``Prepared`` builds the queryset twice, with two sets of sample values, and
compares the SQL and parameters Django produced: the SQL must be the same (a
shape that depends on the values, such as ``None`` turned into ``IS NULL``,
is refused), and each parameter that differs must be one of the declared
values as its field sends it to the database. Later calls put the new values,
converted by the same field, into those places and run the SQL through a copy of
Django's own compiler, so the rows come back as model instances exactly as the
queryset's would: ``select_related`` objects, ``only`` and ``prefetch_related``
included (prefetches still build their own SQL).

Only iteration is served, and the result is a list: a queryset chained from it
would carry the prepared SQL into another shape. ``run_together`` runs several
in one round trip on PostgreSQL (a page's reads that need only the same key).
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)

# Two samples per kind of field, unlike anything a page passes (a parameter equal
# in both compilations is a constant of the query, whatever its value).
_SAMPLES: dict[type[models.Field[Any, Any]], tuple[Any, Any]] = {
    models.DateTimeField: (
        dt.datetime(2001, 2, 3, 4, 5, 6, 70809, tzinfo=dt.UTC),
        dt.datetime(2002, 3, 4, 5, 6, 7, 80910, tzinfo=dt.UTC),
    ),
    models.DateField: (dt.date(2001, 2, 3), dt.date(2002, 3, 4)),
    models.IntegerField: (1_000_000_007, 1_000_000_009),
    models.CharField: ("\u2063prepared-a\u2063", "\u2063prepared-b\u2063"),
}


def _samples(field: models.Field[Any, Any]) -> tuple[Any, Any]:
    for kind in type(field).__mro__:
        if kind in _SAMPLES:
            return _SAMPLES[kind]
    raise ImproperlyConfigured(f"Prepared: no sample values for {type(field).__name__}")


@dataclass(frozen=True)
class _Compiled:
    queryset: models.QuerySet[Any]
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (parameter position, value name)


class Prepared(Generic[M]):
    """``build(**values)`` -> queryset, compiled once per database; calling the
    ``Prepared`` with the same names runs it with those values (a list)."""

    def __init__(
        self,
        build: Callable[..., models.QuerySet[M]],
        *,
        using: str = DEFAULT_DB_ALIAS,
        **fields: models.Field[Any, Any],
    ) -> None:
        self.build, self.using, self.fields = build, using, fields
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _adapt(self, name: str, value: Any) -> Any:
        if value is None:
            raise ValueError(f"Prepared: {name} is None (it would change the SQL)")
        connection = connections[self.using]
        return self.fields[name].get_db_prep_value(value, connection, prepared=False)

    def _compile(self) -> _Compiled:
        vendor = connections[self.using].vendor
        with self._lock:
            if (known := self._compiled.get(vendor)) is not None:
                return known
            runs = []
            for side in (0, 1):
                values = {n: _samples(f)[side] for n, f in self.fields.items()}
                queryset = self.build(**values).using(self.using)
                compiler = queryset.query.get_compiler(using=self.using)
                sql, params = compiler.as_sql()
                runs.append((queryset, compiler, sql, tuple(params), values))
            (queryset, compiler, sql, params, a), (_q, _c, sql_b, params_b, b) = runs
            if sql != sql_b or len(params) != len(params_b):
                raise ImproperlyConfigured("Prepared: the SQL depends on the values")
            slots = []
            for position, (x, y) in enumerate(zip(params, params_b, strict=True)):
                if x == y:
                    continue
                names = [
                    n
                    for n in self.fields
                    if x == self._adapt(n, a[n]) and y == self._adapt(n, b[n])
                ]
                if len(names) != 1:
                    raise ImproperlyConfigured(
                        f"Prepared: parameter {position} is not one declared value"
                    )
                slots.append((position, names[0]))
            if unused := set(self.fields) - {name for _p, name in slots}:
                raise ImproperlyConfigured(f"Prepared: {sorted(unused)} not in the SQL")
            compiled = _Compiled(queryset, compiler, sql, params, tuple(slots))
            self._compiled[vendor] = compiled
            return compiled

    def __call__(self, **values: Any) -> list[M]:
        return list(self._bound(values)[0])

    def _bound(self, values: dict[str, Any]) -> tuple[models.QuerySet[M], SQLCompiler]:
        """A queryset that runs the compiled SQL with ``values``, and its compiler."""
        if set(values) != set(self.fields):
            raise TypeError(f"Prepared: expected {sorted(self.fields)}")
        compiled = self._compiled.get(connections[self.using].vendor) or self._compile()
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = self._adapt(name, values[name])
        bound = (compiled.sql, tuple(params))
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[self.using]  # this thread's
        compiler.as_sql = lambda *args, **kwargs: bound  # type: ignore[method-assign]
        queryset = compiled.queryset._chain()  # type: ignore[attr-defined]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return queryset, compiler


def _batches(connection: BaseDatabaseWrapper) -> bool:
    """Whether ``connection`` takes several statements in one message: PostgreSQL
    with Django's client-side binding (server-side binding sends each apart)."""
    options = connection.settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and not options.get("server_side_binding")


def run_together(*calls: tuple[Prepared[Any], dict[str, Any]]) -> list[list[Any]]:
    """Each ``(prepared, values)`` run as ``prepared(**values)`` would run it, its
    rows as that call returns them. On PostgreSQL the statements go in one message
    and come back in one round trip (each a result set of its own; with Django's
    default client-side binding); elsewhere they run one after another. All the
    calls use one database."""
    using = {prepared.using for prepared, _values in calls}
    if len(using) > 1:
        raise ValueError("run_together: the calls use more than one database")
    bound = [prepared._bound(values) for prepared, values in calls]
    if len(bound) < 2 or not _batches(connection := connections[using.pop()]):
        return [list(queryset) for queryset, _compiler in bound]
    statements = [compiler.as_sql() for _queryset, compiler in bound]
    with connection.cursor() as cursor:
        cursor.execute(
            "; ".join(sql for sql, _params in statements),
            [param for _sql, params in statements for param in params],
        )
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
    out = []
    for (queryset, compiler), rows in zip(bound, results, strict=True):
        # The compiler answers with the rows already read, as ``execute_sql``
        # returns them (a list of chunks, each row cut to the query's columns).
        width = compiler.col_count if compiler.has_extra_select else None
        chunk = [row[:width] for row in rows] if width else rows
        compiler.execute_sql = lambda *args, chunk=chunk, **kwargs: [chunk]  # type: ignore[method-assign,assignment]
        out.append(list(queryset))
    return out


def prefetched(instance: models.Model, name: str, objects: list[Any]) -> None:
    """Keep ``objects`` as ``instance``'s reverse relation ``name``, as
    ``prefetch_related(name)`` keeps them: ``instance.<name>.all()`` answers from
    them without a query, and each object knows ``instance`` as its parent."""
    manager = getattr(instance, name)
    queryset = manager.get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = queryset
    for obj in objects:
        setattr(obj, manager.field.name, instance)
