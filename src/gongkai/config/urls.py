from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from gongkai.common.modules import modules

# Each module's declaration (``<app>/module.py``) names its URL includes: public pages
# (their own prefixes), staff pages under /workbench/<prefix>/, and its API under
# /api/v1/<prefix>/ (api/urls.py).
urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("gongkai.api.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    *[
        path(f"workbench/{m.url_prefix}/", include(m.staff_urls))
        for m in modules()
        if m.staff_urls
    ],
    path("workbench/", include("gongkai.workbench.urls")),
    path("admin/", admin.site.urls),
    *[path("", include(m.public_urls)) for m in modules() if m.public_urls],
    path("", include("gongkai.portal.urls")),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.permission_denied"
handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
