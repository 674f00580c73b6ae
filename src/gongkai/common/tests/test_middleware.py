"""The interface language: Chinese first, English only by the visitor's choice."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cookie", "accept", "lang"),
    [
        (None, None, "zh-CN"),
        (None, "en-US,en;q=0.9", "zh-CN"),  # the browser's language is not followed
        ("en", None, "en"),
        ("en", "zh-CN", "en"),
        ("zh-hans", "en", "zh-CN"),
        ("xx-bogus", "en", "zh-CN"),  # an unknown cookie value falls back to Chinese
        ("", None, "zh-CN"),
    ],
)
def test_language_from_the_cookie_only(client, cookie, accept, lang):
    if cookie is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get(reverse("portal:home"), **headers)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")
