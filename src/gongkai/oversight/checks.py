"""The site self-check: gather what every module's FINDINGS provider reports, add the
oversight module's own findings (footer identity, reading room, new-media silence,
dead links from the crawler) and score them (``rules.score``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.common.figures import FINDINGS, Finding, providers
from gongkai.core.clocks import SHANGHAI
from gongkai.publishing.choices import Status
from gongkai.publishing.registry import kind_of
from gongkai.search.models import SearchEntry

from . import crawler, rules
from .choices import AccountStatus
from .models import MediaAccount, ReadingRoom

# 国办秘函〔2019〕19号 / RULES.md §5.3: a new-media account silent for 2 weeks
NEWMEDIA_SILENT_DAYS = 14

FOOTER = (
    ("GONGKAI_SITE_CODE", "网站标识码"),
    ("GONGKAI_ICP", "ICP备案号"),
    ("GONGKAI_PSB", "公安机关备案号"),
)


@dataclass(frozen=True)
class Report:
    on: dt.datetime
    score: rules.Score
    findings: list[dict[str, Any]]
    pages_crawled: int


def weights() -> dict[str, rules.Indicator]:
    """The indicators with the configured weights (``GONGKAI_OVERSIGHT_WEIGHTS``)."""
    return rules.indicators(getattr(settings, "GONGKAI_OVERSIGHT_WEIGHTS", None))


def footer_findings() -> list[Finding]:
    """Site identity items missing from the settings the footer shows."""
    return [
        Finding(
            indicator="footer.missing",
            severity="deduction",
            object=_("页面底部缺少%s") % label,
            url="/",
            fix_url="",
            action=_("由系统管理员在部署配置中设置 %s，页面底部即显示。") % name,
        )
        for name, label in FOOTER
        if not str(getattr(settings, name, "") or "").strip()
    ]


def reading_room_findings() -> list[Finding]:
    """No reading room (查阅场所) with address and hours published."""
    if ReadingRoom.objects.exclude(address="").exclude(hours="").exists():
        return []
    return [
        Finding(
            indicator="guide.reading_room",
            severity="deduction",
            object=_("未公布政府信息查阅场所的地址和开放时间"),
            url=reverse("oversight:reading-rooms"),
            fix_url=reverse(
                "oversight-staff:record-create", kwargs={"kind": "reading-rooms"}
            ),
            action=_("登记查阅场所的名称、地址和开放时间。"),
        )
    ]


def newmedia_findings(*, on: dt.datetime) -> list[Finding]:
    """Active accounts with no post published in the 2 weeks before ``on``."""
    since = on - dt.timedelta(days=NEWMEDIA_SILENT_DAYS)
    visible = Q(posts__status=Status.PUBLISHED, posts__publish_at__lte=on)
    out = []
    accounts = MediaAccount.objects.filter(status=AccountStatus.ACTIVE).annotate(
        last=Max("posts__publish_at", filter=visible)
    )
    for account in accounts.select_related("department"):
        if account.last is not None and account.last > since:
            continue
        last = (
            account.last.astimezone(SHANGHAI).date().isoformat()
            if account.last
            else _("从未")
        )
        out.append(
            Finding(
                indicator="newmedia.silent",
                severity="veto",
                object=_("%(account)s 2周内无更新（最后发布：%(last)s）")
                % {"account": str(account), "last": last},
                url="",
                fix_url=reverse("oversight-staff:post-create")
                + f"?account={account.pk}",
                action=_("起草并审核发布稿件，或将长期不更新的账号关停。"),
                department_id=account.department_id,
            )
        )
    return out


def staff_page_of(path: str) -> str:
    """The workbench page that edits the public page at ``path`` ("" if unknown)."""
    entry = SearchEntry.objects.filter(url=path).only("kind", "object_id").first()
    kind = kind_of(entry.kind) if entry else None
    if entry is None or kind is None:
        return ""
    return reverse(kind.edit_url_name, kwargs={"pk": entry.object_id})


def crawl_seeds(limit: int) -> list[str]:
    """The home page, then the newest public content."""
    urls = SearchEntry.objects.order_by("-indexed_at").values_list("url", flat=True)
    return ["/", *[u for u in urls[:limit] if u.startswith("/")]]


def link_findings(
    *, fetch: crawler.Fetch, max_pages: int, max_seconds: float, external: bool
) -> tuple[list[Finding], int]:
    """Dead links found by a bounded crawl, and the number of pages fetched."""
    # In-process requests activate their own language; the findings keep the caller's.
    with translation.override(translation.get_language()):
        result = crawler.crawl(
            fetch=fetch,
            seeds=crawl_seeds(max_pages),
            max_pages=max_pages,
            max_seconds=max_seconds,
            external=external,
        )
    # One finding per broken target (a navigation link breaks on every page).
    pages: dict[str, list[crawler.DeadLink]] = {}
    for dead in result.dead:
        pages.setdefault(dead.target, []).append(dead)
    out = []
    for target, seen in pages.items():
        first = seen[0]
        where = sorted({d.page for d in seen})
        out.append(
            Finding(
                indicator="links.dead",
                severity="deduction",
                object=_(
                    "链接 %(target)s 无法访问（%(status)s），见于 %(n)d 个页面：%(pages)s"
                )
                % {
                    "target": target,
                    "status": first.status or _("无响应"),
                    "n": len(where),
                    "pages": "、".join(where[:5]) + ("…" if len(where) > 5 else ""),
                },
                url=first.page,
                fix_url=staff_page_of(first.page),
                action=_("修改或删除该链接，或恢复被链接的页面。"),
            )
        )
    return out, result.pages


def site_check(
    *,
    on: dt.datetime,
    links: bool = True,
    fetch: crawler.Fetch | None = None,
) -> Report:
    """Every finding as of ``on`` and the score. Dead links are the site as it is
    now (a page cannot be fetched as of another day): crawled only when ``links``."""
    found: list[Finding] = []
    for provider in providers(FINDINGS):
        found.extend(provider(on=on))
    found += footer_findings() + reading_room_findings() + newmedia_findings(on=on)
    pages = 0
    if links:
        host = getattr(settings, "GONGKAI_OVERSIGHT_HOST", "") or _default_host()
        base = getattr(settings, "GONGKAI_OVERSIGHT_BASE_URL", "")
        dead, pages = link_findings(
            fetch=fetch
            or (crawler.http_fetch(base) if base else crawler.client_fetch(host)),
            max_pages=int(getattr(settings, "GONGKAI_OVERSIGHT_MAX_PAGES", 300)),
            max_seconds=float(getattr(settings, "GONGKAI_OVERSIGHT_MAX_SECONDS", 60)),
            external=bool(getattr(settings, "GONGKAI_OVERSIGHT_CHECK_EXTERNAL", False)),
        )
        found += dead
    table = weights()
    counts = Counter(f.indicator for f in found)
    rows = []
    for f in found:
        row = asdict(f)
        row["severity"] = (
            "veto"
            if f.severity == "veto"
            else rules.severity(f.indicator, counts[f.indicator], table)
        )
        ind = table.get(f.indicator)
        row["indicator_label"] = ind.label if ind else f.indicator
        rows.append(row)
    rows.sort(key=lambda r: (r["severity"] != "veto", r["indicator"]))
    return Report(
        on=on,
        score=rules.score(counts.elements(), table),
        findings=rows,
        pages_crawled=pages,
    )


def _default_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"
