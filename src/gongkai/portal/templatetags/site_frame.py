"""The public site's header and footer (``base.html``), rendered once per variant.

Both are the same on every page but for a link or two: the header's preference
links carry the page's own address (``next=``), and the footer's 我为政府网站找错
link may carry it too. Rendering them was most of the cost of the frame (about
1 ms of each uncached page): both are kept (``common.kept``), the page's own
values put into the slots left for them. A page kept whole (``common.kept``'s
``kept_page``) keeps them with their placeholders, filled by ``frame_parts``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from gongkai.common.kept import KEPT_FRAME, kept_render, slot
from gongkai.portal.breadcrumbs import trail
from gongkai.portal.context_processors import footer, jiucuo_url
from gongkai.portal.menu import public_links
from gongkai.publishing.pagecache import LARGE_TEXT_COOKIE

register = template.Library()

_BACK, _JIUCUO = slot("back"), slot("jiucuo")


def _signed_in(context: template.Context) -> bool:
    user = context.get("user")
    return bool(user is not None and user.is_authenticated)


def _back(request: HttpRequest) -> str:
    """The page's own address, as the preference links carry it (``next=``)."""
    return quote(request.get_full_path())


def frame_parts(request: HttpRequest) -> tuple[tuple[Any, ...], dict[str, str]]:
    """For a page kept whole (``common.kept.FRAME_PARTS``): the variant of the
    frame ``request`` sees (its large text, signed in or not, the menu, the
    当前位置 trail and whether it is the home page; the language is the page's
    key already), and its own values for their slots."""
    user = getattr(request, "user", None)
    variant = (
        request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
        bool(user is not None and user.is_authenticated),
        tuple(public_links()),
        tuple((str(c["label"]), c["url"], c["current"]) for c in trail(request.path)),
        request.path == "/",
    )
    return variant, {_BACK: _back(request), _JIUCUO: jiucuo_url(request)}


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The site name, the large-text and language links, and the main menu."""
    request = context.get("request")
    if context.get(KEPT_FRAME):
        back = _BACK
    else:
        back = _back(request) if request is not None else ""
    inputs = {
        "org_name": str(context.get("org_name", "")),
        "large_text": bool(context.get("large_text")),
        "LANG": get_language(),
        "signed_in": _signed_in(context),
        "public_links": tuple(public_links()),
        "back": _BACK,
    }
    return kept_render("portal/_site_header.html", inputs, {_BACK: back})


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    """The footer: site links, sponsor, contact and filing numbers."""
    request = context.get("request")
    values = footer(request) if request is not None else {}
    jiucuo = values.get("jiucuo_url", "")
    shown = {**values, "jiucuo_url": _JIUCUO if jiucuo else ""}
    inputs = {"f": shown, "signed_in": _signed_in(context)}
    if context.get(KEPT_FRAME):
        jiucuo = _JIUCUO
    return kept_render("portal/_site_footer.html", inputs, {_JIUCUO: jiucuo})
