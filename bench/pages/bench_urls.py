"""The site's URLs plus /bare/: a Django view returning a short string."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bare/", bare),
    path("", include("gongkai.config.urls")),
]
