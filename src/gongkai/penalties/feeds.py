"""Atom feed of the latest published penalties (masked summary only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Penalty
from .presenters import public_list_record, public_name
from .selectors import penalty_list_public

FEED_ITEMS = 50


class PenaltyFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('行政处罚公示')}"

    def link(self) -> str:
        return reverse("penalties:penalty-list")

    def subtitle(self) -> str:
        return _("最新公示的行政处罚信息")

    def items(self) -> Any:
        return penalty_list_public(now=timezone.now())[:FEED_ITEMS]

    def item_title(self, item: Penalty) -> str:
        return f"{public_name(item)} {item.decision_number}"

    def item_description(self, item: Penalty) -> str:
        row = public_list_record(item)
        return " · ".join(
            v
            for v in (row["violation_type"], row["penalty_types"], row["content"],
                      row["authority"], row["decided_on"])
            if v
        )  # fmt: skip

    def item_link(self, item: Penalty) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Penalty) -> dt.datetime | None:
        return item.publish_at
