"""Parts of public pages rendered once per variant and kept (``kept_render``),
and whole pages, frame and all (``kept_page``).

A part that is the same on every page but for a value or two (the site's header
and footer, the search form and its help) is rendered from explicit inputs only
(no request and no context processors), kept per process under every input it
reads (the inputs, the language, the URLconf and script prefix, the compiled
template itself, so a reloaded template is rendered again), and the page's own
values are put into the slots left for them. Every kept part is forgotten when a
setting changes (tests).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.http import HttpRequest
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
# The kept pages (``kept_page``): key -> (the compiled template, its output split
# at its placeholders: text, a slot's name, text ...).
_pages: dict[tuple[Any, ...], tuple[object, list[str]]] = {}
_TOKEN = secrets.token_hex(8)
# Any placeholder: "gk", the token, its name (from _NAME on), "x".
_SLOT = re.compile(f"gk{_TOKEN}([a-z0-9]+)x")
_NAME = len(f"gk{_TOKEN}")
# The frame's own per-request values (``kept_page``), from the app that renders
# it (portal: the header's and footer's links back to the page): each gives the
# request's variant of the frame and its slots' values.
FRAME_PARTS: list[Callable[[HttpRequest], tuple[tuple[Any, ...], dict[str, str]]]] = []
# In a page's context where its frame is kept: the frame's tags leave their own
# values' placeholders (``FRAME_PARTS`` fills them).
KEPT_FRAME = "kept_frame"


def _forget(**_kwargs: Any) -> None:
    _kept.clear()
    _pages.clear()


setting_changed.connect(_forget)


def slot(name: str) -> str:
    """A placeholder for a page's own value: letters and digits, which neither
    escaping nor URL quoting changes, and which no page text holds. ``name``:
    lower-case letters and digits."""
    if not re.fullmatch("[a-z0-9]+", name):
        raise ValueError(f"A slot's name is lower-case letters and digits: {name!r}")
    return f"gk{_TOKEN}{name}x"


def _known(
    store: dict[tuple[Any, ...], Any],
    name: str,
    inputs: tuple[Any, ...],
    render: Callable[[Any], Any],
) -> Any:
    """What ``render`` made of the template ``name`` for ``inputs``, kept in
    ``store`` under them, the language, the URLconf and the script prefix, while
    the template is the same compiled one (a reloaded template is rendered
    again)."""
    compiled = get_template(name)
    key = (name, get_language(), get_urlconf(), get_script_prefix(), *inputs)
    known = store.get(key)
    if known is None or known[0] is not compiled.template:  # type: ignore[attr-defined]
        if len(store) >= KEPT_MAX:
            store.clear()
        known = store[key] = (compiled.template, render(compiled))  # type: ignore[attr-defined]
    return known[1]


def kept_render(
    name: str, inputs: dict[str, Any], slots: dict[str, str] | None = None
) -> SafeString:
    """``name`` rendered from ``inputs`` (kept), with ``slots`` filled in: each
    placeholder replaced by its value, escaped as the template would have (HTML
    already safe goes in as it is), in one pass: a value is never read for
    placeholders."""
    parts = tuple(
        (k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
        for k, v in sorted(inputs.items())
    )
    html: str = _known(_kept, name, parts, lambda compiled: compiled.render(inputs))
    if slots and len(slots) == 1:  # (the header's and footer's: a plain replace)
        ((placeholder, value),) = slots.items()
        html = html.replace(placeholder, conditional_escape(value))
    elif slots:
        values = {k[_NAME:-1]: conditional_escape(v) for k, v in slots.items()}
        html = _SLOT.sub(lambda m: values[m[1]], html)
    return mark_safe(html)  # noqa: S308 - rendered with autoescape, slots escaped


def kept_page(request: HttpRequest, name: str, slots: dict[str, Any]) -> str:
    """The page ``name`` (a template extending ``base.html``) for ``request``,
    rendered from ``slots`` alone: each is a context variable, shown as it is or
    passed to a tag that shows it as it is (no filter); the page's template
    reads nothing of the request. Kept per variant (which slots are empty, the
    language, the frame's variant: what the frame reads of the request) with
    the values' placeholders, then filled as ``kept_render`` fills them, the
    frame's own values too (``FRAME_PARTS``). Rendered directly, not kept,
    while a message waits to be shown."""
    if len(get_messages(request)):
        return get_template(name).render(slots, request)
    frames = [part(request) for part in FRAME_PARTS]
    shape = (
        tuple(k for k, v in slots.items() if v),
        *(variant for variant, _values in frames),
    )

    def render(page: Any) -> list[str]:
        context = {k: slot(k) if v else "" for k, v in slots.items()}
        return _SLOT.split(page.render({**context, KEPT_FRAME: True}, request))

    parts: list[str] = _known(_pages, name, shape, render)
    values = {k: conditional_escape(v) for k, v in slots.items()}
    for _variant, own in frames:
        values.update((k[_NAME:-1], conditional_escape(v)) for k, v in own.items())
    return "".join(values[p] if i % 2 else p for i, p in enumerate(parts))
