"""A truly bare Django WSGI application: one view, no middleware, no apps. The
baseline of bench/bench_static.py (gunicorn -w 2 bare_wsgi:application)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
urlpatterns = [path("bare/", bare)]
application = get_wsgi_application()
