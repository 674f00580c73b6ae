"""Atom feed of consultations on drafts (newest first)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import PublicConsultation
from .selectors.consultations import consultation_list_public

FEED_ITEMS = 50


class ConsultationFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('征求意见')}"

    def link(self) -> str:
        return reverse("participation:consultation-list")

    def subtitle(self) -> str:
        return _("公开征求意见的草案和意见采纳情况")

    def items(self) -> Any:
        return consultation_list_public(now=timezone.now())[:FEED_ITEMS]

    def item_title(self, item: PublicConsultation) -> str:
        return item.title

    def item_description(self, item: PublicConsultation) -> str:
        period = _("征求意见期：%(start)s 至 %(end)s") % {
            "start": timezone.localtime(item.open_at).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(item.close_at).strftime("%Y-%m-%d %H:%M"),
        }
        return f"{period}\n{item.explanation[:500]}"

    def item_link(self, item: PublicConsultation) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: PublicConsultation) -> dt.datetime | None:
        return item.publish_at
