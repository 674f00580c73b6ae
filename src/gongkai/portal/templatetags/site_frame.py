"""The public site's header and footer (``base.html``), rendered once per variant.

Both are the same on every page but for a link or two: the header's preference
links carry the page's own address (``next=``), and the footer's 我为政府网站找错
link may carry it too. Rendering them was most of the cost of the frame (about
1 ms of each uncached page): both are kept (``common.kept``), the page's own
values put into the slots left for them.
"""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from gongkai.common.kept import kept_render, slot
from gongkai.portal.context_processors import footer
from gongkai.portal.menu import public_links

register = template.Library()

_BACK, _JIUCUO = slot("back"), slot("jiucuo")


def _signed_in(context: template.Context) -> bool:
    user = context.get("user")
    return bool(user is not None and user.is_authenticated)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The site name, the large-text and language links, and the main menu."""
    request = context.get("request")
    back = quote(request.get_full_path()) if request is not None else ""
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
    return kept_render("portal/_site_footer.html", inputs, {_JIUCUO: jiucuo})
