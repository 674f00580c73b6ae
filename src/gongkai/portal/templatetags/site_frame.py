"""The public site's header and footer (``base.html``), rendered once per variant.

Both are the same on every page but for a link or two: the header's preference
links carry the page's own address (``next=``), and the footer's 我为政府网站找错
link may carry it too. Rendering them was most of the cost of the frame (about
1 ms of each uncached page). ``site_header`` and ``site_footer`` render their
template from explicit inputs only (no request and no context processors), keep
the result per process under every input it reads (the inputs, the language, the
URLconf and script prefix, the compiled template itself, so a reloaded template
is rendered again) and put the page's own values into the slots left for them.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from gongkai.portal.context_processors import footer
from gongkai.portal.menu import public_links

register = template.Library()

# The rendered parts: key -> (the compiled template, its output). Few keys exist
# (languages × signed in or not × large text), so the store is only bounded.
KEPT_MAX = 64
_kept: dict[tuple[Any, ...], tuple[object, str]] = {}
# Placeholders for the per-page values: letters and digits, which neither
# escaping nor URL quoting changes, and which no page text holds.
_SLOT = "gk" + secrets.token_hex(8)
_BACK, _JIUCUO = _SLOT + "back", _SLOT + "jiucuo"


def _render(name: str, inputs: dict[str, Any], slots: dict[str, str]) -> SafeString:
    """``name`` rendered from ``inputs`` (kept), with ``slots`` filled in: each
    placeholder replaced by its value, escaped as the template would have."""
    compiled = get_template(name)
    key = (
        name,
        get_language(),
        get_urlconf(),
        get_script_prefix(),
        *(
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
            for k, v in sorted(inputs.items())
        ),
    )
    known = _kept.get(key)
    if known is None or known[0] is not compiled.template:  # type: ignore[attr-defined]
        if len(_kept) >= KEPT_MAX:
            _kept.clear()
        known = _kept[key] = (compiled.template, compiled.render(inputs))  # type: ignore[attr-defined]
    html = known[1]
    for placeholder, value in slots.items():
        html = html.replace(placeholder, escape(value))
    return mark_safe(html)  # noqa: S308 - rendered with autoescape, slots escaped


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
    return _render("portal/_site_header.html", inputs, {_BACK: back})


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    """The footer: site links, sponsor, contact and filing numbers."""
    request = context.get("request")
    values = footer(request) if request is not None else {}
    jiucuo = values.get("jiucuo_url", "")
    shown = {**values, "jiucuo_url": _JIUCUO if jiucuo else ""}
    inputs = {"f": shown, "signed_in": _signed_in(context)}
    return _render("portal/_site_footer.html", inputs, {_JIUCUO: jiucuo})
