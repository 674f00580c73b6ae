"""The site's URLs plus /bare/ (a Django view returning a short string) and
/bare-token/ (the same plus the page-cache token read)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def token(request: HttpRequest) -> HttpResponse:
    """The bare view plus the page-cache token read: the cost of the shared counter."""
    from gongkai.publishing.caching import page_token

    return HttpResponse(page_token()[0])


urlpatterns = [
    path("bare/", bare),
    path("bare-token/", token),
    path("", include("gongkai.config.urls")),
]
