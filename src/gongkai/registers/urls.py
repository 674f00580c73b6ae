"""Public pages of registers (prefix registers/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from .feeds import RegisterFeed
from .views import public

app_name = "registers"
urlpatterns = [
    path("registers/", public.register_list, name="register-list"),
    path("registers/<slug:slug>/", public.register_detail, name="register-detail"),
    path(
        "registers/<slug:slug>/download.<str:fmt>",
        public.register_download,
        name="register-download",
    ),
    path(
        "registers/<slug:slug>/feed/", public_page(RegisterFeed()), name="register-feed"
    ),
    path("registers/<slug:slug>/<int:pk>/", public.entry_detail, name="entry-detail"),
    path(
        "registers/<slug:slug>/<int:pk>/files/<int:file_id>/",
        public.entry_file,
        name="entry-file",
    ),
]
