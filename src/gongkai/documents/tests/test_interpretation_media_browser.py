"""The public interpretation page with an infographic and a video: axe-core finds no
violation, and the media never makes the page scroll sideways at 360 px."""

from __future__ import annotations

import struct
import zlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from gongkai.documents.attachments import interpretation_media_add
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.publishing.choices import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png(width: int, height: int) -> bytes:
    """A real grey PNG, wider than a phone screen."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip


@pytest.mark.parametrize("width", [360, 1366])
def test_interpretation_with_media(live_server, browser, staff, width):
    policy = DocumentFactory(department=staff.department, author=staff, published=True)
    item = InterpretationFactory(policy=policy)
    interpretation_media_add(
        interpretation=item, kind="image", name="tujie.png", data=png(1200, 300),
        caption="一图读懂", text_alternative="要点一：抽查结果全部公开。", by=staff,
    )  # fmt: skip
    interpretation_media_add(
        interpretation=item, kind="video", name="jiedu.mp4",
        data=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, caption="视频解读",
        text_alternative="视频文字稿：局长介绍新规要点。", by=staff,
    )  # fmt: skip
    item.status, item.publish_at = Status.PUBLISHED, timezone.now()
    item.save()
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 900}
    )
    tab = context.new_page()
    try:
        assert tab.goto(live_server.url + item.get_absolute_url()).status == 200
        assert tab.locator("img[alt='一图读懂']").count() == 1
        wide = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert wide <= 0
        results = Axe().run(tab)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
