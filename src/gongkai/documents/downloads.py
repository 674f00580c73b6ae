"""The catalogue as a file: every public document the filters select (CSV / XLSX)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gongkai.common.exports import Column

from .choices import Validity

# 条例 第二十条 / 目录 fields, in the order of the catalogue page, then the rest.
CHUNK = 2000


def columns(*, today: dt.date, url: Callable[[str], str]) -> list[Column]:
    """The download's columns: Chinese headers, Chinese values, absolute URLs."""

    def validity(d: Any) -> str:
        return str(Validity(d.validity_on(today)).label)

    return [
        Column("索引号", lambda d: d.index_number),
        Column("名称", lambda d: d.title),
        Column("文号", lambda d: d.doc_number),
        Column("发文机关", lambda d: "、".join(d.issuer_names())),
        Column("主题分类", lambda d: d.topic.name if d.topic_id else ""),
        Column("体裁", lambda d: d.genre.name if d.genre_id else ""),
        Column("成文日期", lambda d: d.written_on or "不详"),
        Column("发布日期", lambda d: d.publish_at),
        Column("施行日期", lambda d: d.effective_from),
        Column("有效期至", lambda d: d.valid_until),
        Column("有效性", validity),
        Column("内容概述", lambda d: d.summary),
        Column("网址", lambda d: url(d.get_absolute_url())),
    ]
