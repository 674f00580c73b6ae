"""A register's fields as one object, for checking and deriving many records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import rules
from .models import Register, entry_key


class Schema:
    """A register's fields, read once, for checking many records."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.fields = list(register.fields.all())
        self.defs = [f.as_def() for f in self.fields]
        self.keys = [f.key for f in self.fields if f.is_key]
        titles = [f.key for f in self.fields if f.is_title]
        self.titles = (
            titles or [f.key for f in self.fields if f.kind in ("text", "longtext")][:1]
        )
        self.searchable = [f.key for f in self.fields if f.searchable and f.public]

    def check(self, record: Mapping[str, Any]) -> tuple[dict[str, str], list[Any]]:
        return rules.check_record(self.defs, record)

    def derived(self, values: Mapping[str, str]) -> dict[str, Any]:
        title = " ".join(values.get(k, "") for k in self.titles).strip()
        return {
            "title": (title or self.register.title)[:300],
            "key": entry_key(self.defs, self.keys, dict(values)),
            "search_text": " ".join(values.get(k, "") for k in self.searchable).lower(),
        }
