from datetime import date
from typing import Any

from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    SearchSource,
)
from gongkai.core.clock_rules import rule
from gongkai.core.clock_types import Unit
from gongkai.publishing.choices import Status
from gongkai.search.registry import Entry

from .models import Notice

RULE = rule(
    "notice.publish", "测试", date(2020, 1, 1), "通知发布期限", "测试规则",
    Unit.WORKING_DAY, 5, "drafted", "published",
    labels={"drafted": "起草通知", "published": "发布通知"},
)  # fmt: skip


def notice_entry(notice: Any) -> Entry | None:
    if notice.status != Status.PUBLISHED:
        return None
    return Entry(
        title=notice.title,
        body=notice.body,
        url=notice.get_absolute_url(),
        visible_from=notice.publish_at,
        visible_until=notice.unpublish_at,
    )


def declare() -> Module:
    return Module(
        name="notices",
        public_urls="gongkai.common.tests.notices.urls",
        staff_urls="gongkai.common.tests.notices.staff_urls",
        api_urls="gongkai.common.tests.notices.api_urls",
        public_menu=[MenuEntry("测试通知", "notices:list", 99)],
        staff_menu=[MenuEntry("测试通知管理", "notices:list", 99)],
        content=[ContentKind(Notice, "测试通知", "notices-staff:edit")],
        search=[
            SearchSource(
                Notice,
                "测试通知",
                lambda: Notice.objects.filter(status=Status.PUBLISHED),
                notice_entry,
            )
        ],
        cache=[CacheWatch(Notice, window=("publish_at", "unpublish_at"))],
        clock_rules=[RULE],
    )
