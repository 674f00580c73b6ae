from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from .models import Notice


def notice_list(request: HttpRequest) -> HttpResponse:
    titles = [n.title for n in Notice.objects.visible()]  # type: ignore[attr-defined]
    return HttpResponse("\n".join(titles))


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.visible(), pk=pk)  # type: ignore[attr-defined]
    return HttpResponse(notice.title)


def notice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(get_object_or_404(Notice, pk=pk).title)


def notice_api(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    visible = Notice.objects.visible()  # type: ignore[attr-defined]
    return JsonResponse({"results": [n.title for n in visible]})
