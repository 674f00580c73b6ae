"""Builders for the oversight tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.core.clocks import SHANGHAI
from gongkai.oversight import services
from gongkai.oversight.audit_actions import OversightAudit
from gongkai.oversight.models import MediaAccount, MediaPost, ReadingRoom
from gongkai.publishing import services as pub

FOOTER = {
    "GONGKAI_SITE_CODE": "3500000001",
    "GONGKAI_ICP": "闽ICP备05000000号",
    "GONGKAI_PSB": "闽公网安备 35010202000000号",
}


def sh(y: int, m: int, d: int, h: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SHANGHAI)


def room(by: Any) -> Any:
    return services.record_save(
        obj=ReadingRoom(),
        by=by,
        action=OversightAudit.READING_ROOM_SAVE,
        values={
            "name": "查阅室",
            "address": "福州市东大路",
            "hours": "工作日 9:00–17:00",
            "phone": "",
            "order": 0,
        },
    )


def account(by: Any, department: Any, name: str = "质量福建") -> MediaAccount:
    obj = services.record_save(
        obj=MediaAccount(),
        by=by,
        action=OversightAudit.ACCOUNT_SAVE,
        values={
            "platform": "wechat",
            "name": name,
            "department": department,
            "status": "active",
            "opened_on": None,
        },
    )
    assert isinstance(obj, MediaAccount)
    return obj


def published_post(
    *, account: MediaAccount, author: Any, reviewer: Any, now: dt.datetime
) -> MediaPost:
    post = services.media_post_save(
        post=MediaPost(),
        account=account,
        title="消费提示",
        body="选购电暖器认准CCC标志。",
        by=author,
        now=now,
    )
    pub.publishing_submit(obj=post, by=author, now=now)
    pub.publishing_approve(obj=post, by=reviewer, now=now)
    services.post_three_review_record(
        post=post, first="甲", second="乙", final="丙", by=reviewer, now=now
    )
    pub.publishing_publish(obj=post, by=reviewer, now=now)
    post.refresh_from_db()
    return post
