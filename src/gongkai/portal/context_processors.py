from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest

from gongkai.publishing.pagecache import LARGE_TEXT_COOKIE

from .breadcrumbs import trail
from .menu import public_links


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def footer(request: HttpRequest) -> dict[str, str]:
    """The site's identity (settings ``GONGKAI_SPONSOR`` … ``GONGKAI_PSB``) and the
    links the footer builds from it; unset values are empty and left out."""
    site_code = getattr(settings, "GONGKAI_SITE_CODE", "")
    psb = getattr(settings, "GONGKAI_PSB", "")
    return {
        "sponsor": getattr(settings, "GONGKAI_SPONSOR", "")
        or settings.GONGKAI_ORG_NAME,
        "operator": getattr(settings, "GONGKAI_OPERATOR", ""),
        "contact": getattr(settings, "GONGKAI_CONTACT", ""),
        "site_code": site_code,
        "icp": getattr(settings, "GONGKAI_ICP", ""),
        "icp_url": "https://beian.miit.gov.cn/",
        "psb": psb,
        "psb_url": f"https://beian.mps.gov.cn/#/query/webSearch?code={_digits(psb)}",
        "dzjg_url": getattr(settings, "GONGKAI_DZJG_URL", ""),
        "jiucuo_url": jiucuo_url(request),
    }


def jiucuo_url(request: HttpRequest) -> str:
    """The 我为政府网站找错 link for the page (``GONGKAI_JIUCUO_URL`` with the site
    code and the page's address put in), or "" where none is set."""
    jiucuo = getattr(settings, "GONGKAI_JIUCUO_URL", "")
    if not jiucuo:
        return ""
    site_code = getattr(settings, "GONGKAI_SITE_CODE", "")
    page = request.build_absolute_uri(request.path)
    return jiucuo.replace("{site_code}", quote(site_code)).replace(
        "{url}", quote(page, safe="")
    )


def site(request: HttpRequest) -> dict[str, Any]:
    """Organisation name and the elder-friendly (large text) mode for every template;
    the 当前位置 trail and the footer, computed only when a page shows them."""
    return {
        "org_name": settings.GONGKAI_ORG_NAME,
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "1",
        "public_links": public_links,
        "crumbs": lambda: trail(request.path),
        "footer": lambda: footer(request),
    }
