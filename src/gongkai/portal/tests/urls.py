"""A test URLconf: the real one plus views that fail on purpose."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from gongkai.common.errors import ConflictError
from gongkai.config.urls import (  # noqa: F401  (handlers are looked up on this module)
    handler400,
    handler403,
    handler404,
    handler500,
)
from gongkai.config.urls import urlpatterns as real_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


def conflict(request: HttpRequest) -> HttpResponse:
    raise ConflictError("当前状态下不能撤回。", code="publishing.transition")


urlpatterns = [
    path("__test__/boom/", boom),
    path("api/__test__/boom/", boom),
    path("__test__/conflict/", conflict),
    *real_urlpatterns,
]
