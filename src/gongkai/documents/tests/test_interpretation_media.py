"""Interpretations gain images (图解) and videos, each with a required text
alternative (三同步; accessibility); the check that holds a policy until its
interpretation is approved stays (test_services)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.models import AuditEvent
from gongkai.documents.attachments import interpretation_media_add
from gongkai.documents.models import InterpretationMedia
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32


def _item(staff, **kw):
    policy = DocumentFactory(department=staff.department, author=staff, **kw)
    return InterpretationFactory(policy=policy)


def _add(item, staff, **kw):
    values = {
        "kind": "image", "name": "tujie.png", "data": PNG, "caption": "一图读懂",
        "text_alternative": "要点一：抽查结果全部公开。要点二：不合格企业限期整改。",
    }  # fmt: skip
    values.update(kw)
    return interpretation_media_add(interpretation=item, by=staff, **values)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"text_alternative": "  "}, "interpretation.text_alternative"),
        ({"caption": ""}, "interpretation.text_alternative"),
        ({"name": "tujie.gif"}, "interpretation.media_type"),
        ({"kind": "video"}, "interpretation.media_type"),  # a .png is no video
        ({"data": b"MZ\x90\x00"}, "interpretation.media_content"),
        ({"kind": "video", "name": "v.mp4", "data": b"not a video"},
         "interpretation.media_content"),
        ({"data": b""}, "interpretation.media_size"),
    ],
)  # fmt: skip
def test_media_is_refused_without_text_alternative_or_with_a_wrong_file(
    staff, changes, code
):
    item = _item(staff)
    with pytest.raises(InvalidInputError) as exc:
        _add(item, staff, **changes)
    assert exc.value.code == code
    assert not InterpretationMedia.objects.exists()


def test_image_and_video_are_added_to_a_draft_and_audited(staff):
    item = _item(staff)
    image = _add(item, staff)
    video = _add(item, staff, kind="video", name="jiedu.mp4", data=MP4,
                 text_alternative="视频文字稿：局长介绍新规要点。")  # fmt: skip
    assert image.content_type == "image/png" and video.content_type == "video/mp4"
    event = AuditEvent.objects.filter(action="interpretation.media_add").latest("seq")
    assert event.changes["kind"] == "video"


def test_only_drafts_of_ones_own_department(staff, other_staff):
    item = _item(staff)
    with pytest.raises(PermissionDeniedError):
        _add(item, other_staff)
    item.status = Status.IN_REVIEW
    item.save()
    with pytest.raises(InvalidInputError):
        _add(item, staff)


def test_staff_page_adds_media_and_refusal_is_a_message(login, staff, other_staff):
    item = _item(staff)
    client = login(staff)
    url = reverse("documents-staff:interpretation-media-add", args=[item.pk])
    page = client.get(reverse("documents-staff:interpretation-edit", args=[item.pk]))
    assert "文字说明（替代文本）" in page.content.decode()
    refused = client.post(
        url,
        {"kind": "image", "caption": "一图读懂", "text_alternative": "",
         "file": SimpleUploadedFile("t.png", PNG)},
        follow=True,
    )  # fmt: skip
    assert "未能添加" in refused.content.decode()
    client.post(
        url,
        {"kind": "image", "caption": "一图读懂", "text_alternative": "全部要点。",
         "file": SimpleUploadedFile("t.png", PNG)},
    )  # fmt: skip
    assert item.media.count() == 1
    other = login(other_staff)
    assert other.post(url, {}).status_code == 404


def test_public_page_shows_media_with_its_text_alternative(client, staff):
    item = _item(staff, published=True)
    media = _add(item, staff)
    url = reverse("documents:interpretation-media", args=[media.pk])
    assert client.get(url).status_code == 404  # the interpretation is a draft
    item.status, item.publish_at = Status.PUBLISHED, timezone.now()
    item.save()
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'alt="一图读懂"' in page and "要点一：抽查结果全部公开" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
