from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import CacheWatch, ContentKind, Module

from .clock_rules import CLOCK_RULES
from .models import Page
from .selectors import page_visible_to_staff


def declare() -> Module:
    return Module(
        name="publishing",
        api_urls="gongkai.publishing.api_urls",
        content=[
            ContentKind(
                Page,
                _("网页内容"),
                "workbench:page-edit",
                staff_queryset=page_visible_to_staff,
            )
        ],
        cache=[CacheWatch(Page, window=("publish_at", "unpublish_at"))],
        clock_rules=CLOCK_RULES,
        demo="gongkai.publishing.demo",
    )
