"""Atom feeds: newly published guides, and adjustments of the power list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Adjustment, ServiceItem
from .selectors import CatalogueFilter, services_public

FEED_ITEMS = 50


class ServiceFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('政务服务事项')}"

    def link(self) -> str:
        return reverse("govservices:service-list")

    def subtitle(self) -> str:
        return _("最新发布的办事指南")

    def items(self) -> Any:
        qs = services_public(CatalogueFilter(), now=timezone.now())
        return qs.order_by("-publish_at", "-id")[:FEED_ITEMS]

    def item_title(self, item: ServiceItem) -> str:
        return item.name

    def item_description(self, item: ServiceItem) -> str:
        return f"{item.implementing_body} · {item.get_online_level_display()}"

    def item_link(self, item: ServiceItem) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: ServiceItem) -> dt.datetime | None:
        return item.publish_at


class AdjustmentFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('权责清单调整')}"

    def link(self) -> str:
        return reverse("govservices:power-list")

    def items(self) -> Any:
        today = timezone.localdate()
        return (
            Adjustment.objects.filter(effective_on__lte=today)
            .select_related("item")
            .order_by("-effective_on", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item: Adjustment) -> str:
        return f"{item.get_kind_display()}：{item.item.name}"

    def item_description(self, item: Adjustment) -> str:
        return " · ".join(v for v in (item.doc_number, item.reason) if v)

    def item_link(self, item: Adjustment) -> str:
        return item.item.get_absolute_url() + f"#a{item.pk}"

    def item_pubdate(self, item: Adjustment) -> dt.datetime:
        return dt.datetime.combine(
            item.effective_on, dt.time(), tzinfo=timezone.get_current_timezone()
        )
