"""Atom feeds: answered public messages (contact data stripped) and incidents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Incident, Message
from .presenters import message_record
from .selectors.mailbox import incident_list_public, message_list_public

FEED_ITEMS = 50


class MessageFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('留言答复选登')}"

    def link(self) -> str:
        return reverse("participation:message-list")

    def items(self) -> Any:
        return message_list_public().select_related("department")[:FEED_ITEMS]

    def item_title(self, item: Message) -> str:
        return str(message_record(item)["subject"])

    def item_description(self, item: Message) -> str:
        return str(message_record(item)["answer"])

    def item_link(self, item: Message) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Message) -> dt.datetime | None:
        return item.answered_at


class IncidentFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.GONGKAI_ORG_NAME} · {_('突发事件与舆情回应')}"

    def link(self) -> str:
        return reverse("participation:incident-list")

    def items(self) -> Any:
        return incident_list_public()[:FEED_ITEMS]

    def item_title(self, item: Incident) -> str:
        return item.title

    def item_description(self, item: Incident) -> str:
        return item.get_kind_display()

    def item_link(self, item: Incident) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Incident) -> dt.datetime | None:
        return item.occurred_at
