"""Public pages: item list, plans, task announcements, draw records, results, the
enterprise's own check, the verification bundle and the explanation for citizens."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.ids import IdentifierError, canonical_uscc
from gongkai.core.jcs import canonical_json
from gongkai.publishing.pagecache import public_page

from ..forms import LookupForm
from ..models import Draw, Inspector
from ..protocol import is_output_public, is_secret_public, public_bundle, public_output
from ..rules import public_name, stratum_words
from ..selectors import (
    draws_of,
    enterprise_check,
    item_list_public,
    plan_list_public,
    results_public,
    selected_public,
    task_get_public,
    task_list_public,
)
from .downloads import results_matching

PAGE_ROWS = 500  # longer lists are downloaded (CSV/XLSX/JSON)


@public_page
def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {
        "plans": plan_list_public(now=now)[:5],
        "tasks": task_list_public()[:10],
        "items_count": item_list_public(now=now).count(),
    }
    return render(request, "inspections/index.html", context)


@public_page
def item_list(request: HttpRequest) -> HttpResponse:
    items = item_list_public(now=timezone.now())
    return render(request, "inspections/item_list.html", {"items": items})


@public_page
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plan_list_public(now=timezone.now())
    return render(request, "inspections/plan_list.html", {"plans": plans})


@public_page
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_list_public(now=timezone.now()).filter(pk=pk).first()
    if plan is None:
        raise Http404
    tasks = task_list_public().filter(plan=plan)
    return render(
        request, "inspections/plan_detail.html", {"plan": plan, "tasks": tasks}
    )


@public_page
def task_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(task_list_public(), 30).get_page(request.GET.get("page"))
    return render(request, "inspections/task_list.html", {"tasks": page})


@public_page
def task_detail(request: HttpRequest, code: str) -> HttpResponse:
    task = task_get_public(code)
    if task is None:
        raise Http404
    draws = [_draw_view(d) for d in draws_of(task) if d.commit_hash]
    results = [_row(i) for i in results_public(task=task)]
    return render(
        request,
        "inspections/task_detail.html",
        {"task": task, "draws": draws, "results": results},
    )


STRATUM_ATTRIBUTES = {
    "risk": _("风险等级"),
    "region": _("地区"),
    "industry": _("行业"),
}


def _stratum(stratum: str, stratify_by: list[str]) -> str:
    """``A|350102`` as 风险等级 A · 福州市鼓楼区."""
    return " · ".join(
        f"{STRATUM_ATTRIBUTES[a]} {v}" if a == "risk" else v
        for a, v in stratum_words(stratum, stratify_by)
    )


def _draw_view(d: Draw) -> dict[str, Any]:
    """A draw in plain words first (how many of how many, who, which team), and its
    cryptographic record for the 技术验证 section."""
    output = public_output(d)
    stratify_by = list(d.params.get("stratify_by", ["risk"]))
    teams, strata, summary = [], [], {}
    if output is not None:
        result = output["result"]
        rows = result["teams"]
        codes = [c for t in rows for c in t.get("inspectors", [])]
        names = dict(
            Inspector.objects.filter(code__in=codes).values_list("code", "name")
        )
        teams = [
            {
                **t,
                "number": t["team"] + 1,  # teams are 0-based in the protocol
                "names": [names.get(c, c) for c in t.get("inspectors", [])],
            }
            for t in rows
        ]
        strata = [
            {**s, "words": _stratum(s["stratum"], stratify_by)}
            for s in result["strata"]
        ]
        summary = {
            "records": sum(s["records"] for s in result["strata"]),
            "eligible": sum(s["eligible"] for s in result["strata"]),
            "planned": result["target_count"],
            "selected": result["selected_count"],
        }
    return {
        "teams": teams,
        "strata": strata,
        "summary": summary,
        "draw": d,
        "params_json": canonical_json(d.params).decode(),
        "commit_json": canonical_json(d.commit).decode(),
        "output": output,
        "secret": d.secret_hex if is_secret_public(d) else None,
        "selected": [
            {**_row(i), "stratum": _stratum(i.stratum, stratify_by)}
            for i in selected_public(d)[:PAGE_ROWS]
        ],
        "public": is_output_public(d),
    }


def _row(i: Any) -> dict[str, Any]:
    team = getattr(i, "team", None)
    return {
        "i": i,
        "name": public_name(i.uscc, i.name),
        "team": None if team is None else team + 1,
    }


def bundle(request: HttpRequest, code: str, number: int) -> HttpResponse:
    task = task_get_public(code)
    d = (
        Draw.objects.filter(task=task, number=number)
        .exclude(commit_hash="")
        .defer("snapshot")
        .first()
        if task
        else None
    )
    if d is None:
        raise Http404
    response = HttpResponse(
        canonical_json(public_bundle(d)), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{d.params["task_id"]}-{d.number}-bundle.json"'
    )
    return response


@public_page
def results(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(results_matching(q), 50).get_page(request.GET.get("page"))
    rows = [_row(i) for i in page]
    return render(
        request, "inspections/result_list.html", {"page": page, "rows": rows, "q": q}
    )


def check(request: HttpRequest) -> HttpResponse:
    """“Was I drawn, and can I check it?” (DRAW.md §11, an enterprise)."""
    form = LookupForm(request.GET or None)
    entries: list[dict[str, Any]] | None = None
    error = ""
    if form.is_bound and form.is_valid():
        try:
            uscc = canonical_uscc(form.cleaned_data["uscc"])
        except IdentifierError as exc:
            error = exc.message
        else:
            entries = enterprise_check(uscc=uscc)
            for e in entries:
                if "proof" in e:
                    e["proof_json"] = canonical_json(e["proof"]).decode()
    return render(
        request,
        "inspections/check.html",
        {"form": form, "entries": entries, "error": error},
    )


@public_page
def how(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inspections/how.html",
        {
            "example": Draw.objects.filter(published_at__isnull=False)
            .select_related("task")
            .only("number", "task__code")
            .first()
        },
    )
