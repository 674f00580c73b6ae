from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

# Domain modules: public pages (their own prefixes), staff pages under /workbench/<app>/,
# API under /api/v1/<app>/ (see api/urls.py).
MODULES = ["documents", "search", "foi", "inspections", "penalties", "registers"]

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("gongkai.api.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("workbench/calendar/", include("gongkai.clocks.urls")),
    *[
        path(f"workbench/{app}/", include(f"gongkai.{app}.staff_urls"))
        for app in MODULES
    ],
    path("workbench/", include("gongkai.workbench.urls")),
    path("admin/", admin.site.urls),
    *[path("", include(f"gongkai.{app}.urls")) for app in MODULES],
    path("", include("gongkai.portal.urls")),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.permission_denied"
handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
