"""Small shared pieces: the reply clock's rule key and the query-code hash."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

REPLY_CLOCK = "foi.reply"
# 条例 第三十条: the correction notice is due within 7 working days of receipt
NOTICE_CLOCK = "foi.correction_notice"
# 条例 第四十九条: last year's annual report is published by 31 January
REPORT_CLOCK = "foi.annual_report"


def query_code_hash(code: str) -> str:
    """HMAC of a query code (only the hash is stored; the code is shown once)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()
