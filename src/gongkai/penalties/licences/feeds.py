"""Atom feed of the latest published licensing decisions (masked)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import LicenceDecision
from .presenters import public_list_record
from .selectors import licence_list_public

FEED_ITEMS = 50


class LicenceFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('行政许可公示')}"

    def link(self) -> str:
        return reverse("penalties:licence-list")

    def subtitle(self) -> str:
        return _("最新公示的行政许可信息")

    def items(self) -> Any:
        return licence_list_public(now=timezone.now())[:FEED_ITEMS]

    def item_title(self, item: LicenceDecision) -> str:
        row = public_list_record(item)
        return f"{row['party_name']} {row['document_name']}（{item.decision_number}）"

    def item_description(self, item: LicenceDecision) -> str:
        row = public_list_record(item)
        parts = (
            row["licence_category"],
            row["content"],
            row["authority"],
            row["decided_on"],
        )
        return " · ".join(v for v in parts if v)

    def item_link(self, item: LicenceDecision) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: LicenceDecision) -> dt.datetime | None:
        return item.publish_at
