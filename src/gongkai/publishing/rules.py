"""The publishing lifecycle as pure rules (no Django).

draft → in_review → approved → published → withdrawn. A reviewer sends a draft back
(reject); withdrawn or approved content can be reopened as a draft to be corrected.
Visibility is a pure function of status, the window ``[publish_at, unpublish_at)`` and
the current time, so nothing depends on a scheduler running on time.
"""

from __future__ import annotations

import datetime as dt

from gongkai.core.ids import mask_id_number, mask_phone

TRANSITIONS: dict[str, dict[str, str]] = {
    "submit": {"draft": "in_review"},
    "reject": {"in_review": "draft"},
    "approve": {"in_review": "approved"},
    "publish": {"approved": "published"},
    "withdraw": {"published": "withdrawn", "approved": "withdrawn"},
    "reopen": {"withdrawn": "draft", "approved": "draft"},
}


def next_status(status: str, action: str) -> str | None:
    """The status after ``action``, or None when the action is not allowed from ``status``."""
    return TRANSITIONS.get(action, {}).get(status)


def is_visible(
    *,
    status: str,
    publish_at: dt.datetime | None,
    unpublish_at: dt.datetime | None,
    now: dt.datetime,
) -> bool:
    """Published and inside the window [publish_at, unpublish_at) at ``now``."""
    if status != "published" or publish_at is None:
        return False
    return publish_at <= now and (unpublish_at is None or now < unpublish_at)


def window_problem(
    publish_at: dt.datetime | None, unpublish_at: dt.datetime | None
) -> str | None:
    """A Chinese message when the window is empty, else None."""
    if publish_at and unpublish_at and unpublish_at <= publish_at:
        return "下线时间必须晚于发布时间。"
    return None


def masked_value(kind: str, value: str) -> str:
    """One hit of the pre-publication checks, masked in place and of the same length
    (the offsets of the other hits stay valid). RULES §3.3 for personal data: an ID
    number keeps its first 6 and last 4 characters, a mobile its first 3 and last 4
    digits, a bank card its last 4; an e-mail keeps the first character of its local
    part; a sensitive word (``kind`` "word") is masked whole."""
    if kind == "id_number" and len(value) > 10:
        return mask_id_number(value)
    if kind == "mobile":
        return mask_phone(value)
    if kind == "bank_card":
        return "".join("*" if c.isdigit() else c for c in value[:-4]) + value[-4:]
    if kind == "email" and "@" in value:
        local, _at, domain = value.partition("@")
        return local[:1] + "*" * (len(local) - 1) + "@" + domain
    return "*" * len(value)
