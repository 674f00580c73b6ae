"""Public pages of government services (mounted at the site root)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from .feeds import AdjustmentFeed, ServiceFeed
from .views import public

app_name = "govservices"
urlpatterns = [
    path("services/", public.service_list, name="service-list"),
    path("services/feed/", public_page(ServiceFeed()), name="service-feed"),
    path(
        "services/intermediaries/", public.intermediary_list, name="intermediary-list"
    ),
    path("services/<int:pk>/", public.service_detail, name="service-detail"),
    path("services/<int:pk>/print/", public.service_print, name="service-print"),
    path(
        "services/<int:pk>/materials.<str:fmt>",
        public.service_materials,
        name="service-materials",
    ),
    path(
        "services/<int:pk>/materials/<int:material_pk>/<slug:which>/",
        public.material_file,
        name="material-file",
    ),
    path("powers/", public.power_list_page, name="power-list"),
    path("powers/diff/", public.power_diff_page, name="power-diff"),
    path("powers/feed/", public_page(AdjustmentFeed()), name="power-feed"),
    path("powers/licensing/", public.licensing_page, name="licensing"),
    path("powers/<str:code>/", public.power_detail, name="power-detail"),
]
