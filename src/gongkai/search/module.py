from django.utils.translation import gettext_lazy as _

from gongkai.accounts.permissions import can_review_content
from gongkai.common.modules import (
    CacheWatch,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
)
from gongkai.publishing.models import Page

from .builtin import page_entry, page_queryset
from .counting import count_search
from .models import SearchEntry


def declare() -> Module:
    return Module(
        name="search",
        public_urls="gongkai.search.urls",
        staff_urls="gongkai.search.staff_urls",
        api_urls="gongkai.search.api_urls",
        # The office's thesaurus and search analytics.
        staff_menu=[
            MenuEntry(
                _("搜索"),
                "search-staff:thesaurus",
                90,
                visible=can_review_content,
                group="settings",
            )
        ],
        search=[SearchSource(Page, _("网页"), page_queryset, page_entry)],
        # Index writes renew the token themselves; entries' windows open and close,
        # and an entry shows as 已失效 from the day after ``expires_on``.
        cache=[
            CacheWatch(
                SearchEntry,
                window=("visible_from", "visible_until"),
                content=False,
                day="expires_on",
            )
        ],
        # Dynamic: never a file; a search answered from the cache is still counted.
        pages=[
            PublicPages(
                "search:search",
                params=("q", "type", "issuer", "year", "validity", "sort", "page"),
                shows=(SearchEntry,),
                static=False,
                on_hit=count_search,
            )
        ],
        commands=["search"],
        demo="gongkai.search.demo",
    )
