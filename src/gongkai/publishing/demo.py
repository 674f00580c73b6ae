"""Demonstration pages (one published guide page, a draft with a running clock) and words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import User

from .models import Page, SensitiveWord
from .services import (
    page_create,
    publishing_approve,
    publishing_publish,
    publishing_submit,
)

PAGES = [
    (
        "guide",
        "政府信息公开指南",
        "本机关政府信息公开的分类、编排体系、获取方式和工作机构联系方式。",
        "<h2>一、主动公开</h2><p>主动公开的政府信息通过本网站“政府信息公开”栏目发布。</p>"
        "<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过本网站在线提交申请。</p>"
        "<h2>三、工作机构</h2><p>办公室（政务公开办），办公时间：工作日 8:30—12:00，14:30—17:30。</p>",
        True,
    ),
    (
        "statement",
        "网站声明",
        "本网站的版权与隐私说明。",
        "<p>本网站发布的政府信息可自由转载，请注明出处。我们不收集访问者的个人信息。</p>",
        True,
    ),
    (
        "quality-2026-notice",
        "2026年产品质量提升行动工作信息（草稿）",
        "",
        "<p>本年度重点产品质量提升行动安排。</p>",
        False,
    ),
]


def load(*, now: dt.datetime, out: Any) -> None:
    for word, level in [("内部资料", "block"), ("绝密", "block"), ("最好", "warn")]:
        SensitiveWord.objects.get_or_create(word=word, defaults={"level": level})
    author = User.objects.get(username="quality")
    office = User.objects.get(username="office")
    today = now.astimezone(dt.UTC).date()
    for slug, title, summary, body, publish in PAGES:
        if Page.objects.filter(slug=slug).exists():
            continue
        page = page_create(
            title=title,
            slug=slug,
            summary=summary,
            body=body,
            by=author,
            department=author.department,
            formed_on=None if publish else today - dt.timedelta(days=24),
            now=now,
        )
        if publish:
            publishing_submit(obj=page, by=author, now=now)
            publishing_approve(obj=page, by=office, now=now)
            publishing_publish(obj=page, by=office, now=now)
    out.write(
        "Pages: guide and statement published; one draft with a proactive-disclosure clock."
    )
