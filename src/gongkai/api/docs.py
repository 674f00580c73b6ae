"""/api/docs/: the API reference as a page of the site (header, 当前位置, footer,
readable on a phone, no script), built from the same OpenAPI schema as the
interactive console, which stays at /api/docs/console/."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

SCHEMA_SECONDS = 3600
METHODS = ("get", "post", "put", "patch", "delete")


def _schema() -> dict[str, Any]:
    # Generating the schema takes about two seconds; it changes only with the code.
    return cache.get_or_set(  # type: ignore[no-any-return]
        "api:docs:schema",
        lambda: SchemaGenerator().get_schema(request=None, public=True),
        SCHEMA_SECONDS,
    )


def _groups(schema: dict[str, Any]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, operations in schema.get("paths", {}).items():
        parts = path.removeprefix("/api/v1/").split("/")
        group = parts[0] or "v1"
        for method in METHODS:
            op = operations.get(method)
            if op is None:
                continue
            params = [
                {
                    "name": p.get("name", ""),
                    "where": p.get("in", ""),
                    "type": p.get("schema", {}).get("type", ""),
                    "values": p.get("schema", {}).get("enum", []),
                    "description": p.get("description", ""),
                    "required": p.get("required", False),
                }
                for p in op.get("parameters", [])
            ]
            groups.setdefault(group, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "description": op.get("description", "") or op.get("summary", ""),
                    "params": params,
                    "anchor": op.get("operationId", f"{method}-{path}"),
                }
            )
    return [{"name": k, "operations": v} for k, v in sorted(groups.items())]


def docs(request: HttpRequest) -> HttpResponse:
    schema = _schema()
    context = {
        "groups": _groups(schema),
        "version": schema.get("info", {}).get("version", ""),
    }
    return render(request, "api/docs.html", context)
