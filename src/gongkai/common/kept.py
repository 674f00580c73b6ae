"""Parts of public pages rendered once per variant and kept (``kept_render``).

A part that is the same on every page but for a value or two (the site's header
and footer, the search form and its help) is rendered from explicit inputs only
(no request and no context processors), kept per process under every input it
reads (the inputs, the language, the URLconf and script prefix, the compiled
template itself, so a reloaded template is rendered again), and the page's own
values are put into the slots left for them.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# The rendered parts: key -> (the compiled template, its output). Few keys exist
# (parts × languages × signed in or not × large text; the search results' shapes,
# ``search_page``), so the store is only bounded.
KEPT_MAX = 512
_kept: dict[tuple[Any, ...], tuple[object, str]] = {}
_TOKEN = secrets.token_hex(8)
# Any placeholder: "gk", the token, its name (from _NAME on), "x".
_SLOT = re.compile(f"gk{_TOKEN}([a-z0-9]+)x")
_NAME = len(f"gk{_TOKEN}")


def slot(name: str) -> str:
    """A placeholder for a page's own value: letters and digits, which neither
    escaping nor URL quoting changes, and which no page text holds. ``name``:
    lower-case letters and digits."""
    if not re.fullmatch("[a-z0-9]+", name):
        raise ValueError(f"A slot's name is lower-case letters and digits: {name!r}")
    return f"gk{_TOKEN}{name}x"


def kept_render(
    name: str, inputs: dict[str, Any], slots: dict[str, str] | None = None
) -> SafeString:
    """``name`` rendered from ``inputs`` (kept), with ``slots`` filled in: each
    placeholder replaced by its value, escaped as the template would have (HTML
    already safe goes in as it is), in one pass: a value is never read for
    placeholders."""
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
    if slots and len(slots) == 1:  # (the header's and footer's: a plain replace)
        ((placeholder, value),) = slots.items()
        html = html.replace(placeholder, conditional_escape(value))
    elif slots:
        values = {k[_NAME:-1]: conditional_escape(v) for k, v in slots.items()}
        html = _SLOT.sub(lambda m: values[m[1]], html)
    return mark_safe(html)  # noqa: S308 - rendered with autoescape, slots escaped
