"""Atom feed of each register: its latest published entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import Entry, Register
from .presenters import public_fields
from .selectors import entry_list_public, register_get

FEED_ITEMS = 50


class RegisterFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Register:
        register = register_get(slug=slug)
        if register is None:
            raise Http404
        return register

    def title(self, obj: Register) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {obj.title}"

    def link(self, obj: Register) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Register) -> str:
        return obj.description or obj.title

    def items(self, obj: Register) -> Any:
        entries = list(entry_list_public(register=obj, now=timezone.now())[:FEED_ITEMS])
        fields = [f for f in public_fields(obj) if f.kind not in ("file", "longtext")]
        for entry in entries:
            entry.register = obj
            entry.feed_fields = fields  # type: ignore[attr-defined]
        return entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        fields = getattr(item, "feed_fields", [])
        return " · ".join(
            f"{f.label}：{item.data[f.key]}" for f in fields if item.data.get(f.key)
        )

    def item_link(self, item: Entry) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Entry) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.updated_at
