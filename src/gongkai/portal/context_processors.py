from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gongkai.publishing.pagecache import LARGE_TEXT_COOKIE

from .menu import public_links, staff_links


def site(request: HttpRequest) -> dict[str, Any]:
    """Organisation name and the elder-friendly (large text) mode for every template."""
    return {
        "org_name": settings.GONGKAI_ORG_NAME,
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
        "public_links": public_links,
        "staff_links": lambda: staff_links(getattr(request, "user", None)),
    }
