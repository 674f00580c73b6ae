"""Public shell: home, content pages, the preference links (large text, language)
and error pages."""

from __future__ import annotations

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _

from gongkai.documents.guide import guide_get
from gongkai.documents.selectors import columns_public, document_list_public
from gongkai.publishing.pagecache import LARGE_TEXT_COOKIE, public_page
from gongkai.publishing.selectors import page_get_public, page_list_public

from .breadcrumbs import SECTIONS
from .menu import public_links
from .xxgk import RULES_PAGE, proactive_items


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """Latest documents, columns and special columns, content pages, a search box."""
    now = timezone.now()
    columns = list(columns_public())
    context = {
        "pages": page_list_public(now=now)[:10],
        "documents": document_list_public(now=now)[:10],
        "columns": [c for c in columns if not c.is_special],
        "specials": [c for c in columns if c.is_special],
    }
    return render(request, "portal/home.html", context)


@public_page
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == "guide" and guide_get() is not None:
        # One 公开指南: the structured one (条例 第十二条) when the office keeps it.
        return redirect("documents:guide")
    page = page_get_public(slug=slug, now=timezone.now())
    if page is None:
        raise Http404
    return render(request, "portal/page_detail.html", {"page": page})


@public_page
def xxgk(request: HttpRequest) -> HttpResponse:
    """The 政府信息公开 column: 指南, 制度, 法定主动公开内容 (条例 第二十条), 年报,
    依申请公开, 政策解读."""
    now = timezone.now()
    context = {
        "items": proactive_items(now=now),
        "rules_page": page_get_public(slug=RULES_PAGE, now=now),
        "latest": document_list_public(now=now)[:8],
    }
    return render(request, "portal/xxgk.html", context)


@public_page
def sitemap(request: HttpRequest) -> HttpResponse:
    """网站地图: every section, the 政府信息公开 column's items, columns and pages."""
    now = timezone.now()
    sections = []
    for s in SECTIONS:
        try:
            sections.append((s.label, reverse(s.url_name), s.parent))
        except NoReverseMatch:
            continue
    known = {url for _label, url, _parent in sections}
    context = {
        "sections": sections,
        "modules": [(label, url) for label, url in public_links() if url not in known],
        "items": proactive_items(now=now),
        "columns": columns_public(),
        "pages": page_list_public(now=now).order_by("title"),
    }
    return render(request, "portal/sitemap.html", context)


PREFERENCE_AGE = 365 * 86400


def _back(request: HttpRequest) -> str:
    """``next`` if it is a path on this site, else the home page."""
    target = request.GET.get("next", "/")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return "/"


def preferences(request: HttpRequest) -> HttpResponse:
    """Set the large-text mode (``large=1|0``) or the interface language (``lang=``)
    in a cookie and go back to ``next``: plain GET links, no session, no CSRF token,
    so every public page stays cacheable, and they work without JavaScript.
    Unknown values are ignored."""
    response = HttpResponseRedirect(_back(request))
    large = request.GET.get("large")
    if large == "1":
        response.set_cookie(
            LARGE_TEXT_COOKIE, "1", max_age=PREFERENCE_AGE, samesite="Lax"
        )
    elif large == "0":
        response.delete_cookie(LARGE_TEXT_COOKIE, samesite="Lax")
    language = request.GET.get("lang", "")
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE or PREFERENCE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            samesite="Lax",
        )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _error(
    request: HttpRequest, status: int, code: str, title: str, message: str
) -> HttpResponse:
    if request.path.startswith("/api/"):
        # Requests no API view answered (unknown path, crash) keep the API's shape.
        body = {"code": code, "message": message, "detail": None}
        return JsonResponse(
            body, status=status, json_dumps_params={"ensure_ascii": False}
        )
    context = {"status": status, "title": title, "message": message}
    return render(request, "errors/error.html", context, status=status)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return _error(
        request,
        400,
        "bad_request",
        _("请求有误"),
        _("您提交的请求无法处理，请检查后重试。"),
    )


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    message = _("您没有访问此页面的权限。如需帮助，请联系网站管理员。")
    return _error(request, 403, "permission_denied", _("无权访问"), message)


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    message = _("您访问的页面不存在或已下线。可以回到首页或使用站内搜索。")
    return _error(request, 404, "not_found", _("页面不存在"), message)


def server_error(request: HttpRequest) -> HttpResponse:
    message = _("服务器出现问题，我们已记录。请稍后再试。")
    try:
        return _error(request, 500, "server_error", _("系统暂时无法处理"), message)
    except Exception:
        # The full page needs the session, the database and context processors; when
        # those are what failed, fall back to the self-contained page.
        return HttpResponseServerError(loader.get_template("500.html").render())
