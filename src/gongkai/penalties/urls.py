"""Public pages of penalties (mounted at the site root, prefix penalties/)."""

from django.urls import path

from gongkai.publishing.pagecache import public_page

from .feeds import PenaltyFeed
from .licences import urls as licence_urls
from .views import public

app_name = "penalties"
urlpatterns = [
    path("penalties/", public.penalty_list, name="penalty-list"),
    path(
        "penalties/download.<str:fmt>",
        public.penalty_download,
        name="penalty-download",
    ),
    path("penalties/<int:pk>/", public.penalty_detail, name="penalty-detail"),
    path("penalties/feed/", public_page(PenaltyFeed()), name="penalty-feed"),
]
# 行政许可 双公示 (the licences sub-area).
urlpatterns += licence_urls.public_patterns
