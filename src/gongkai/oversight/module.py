from django.utils.translation import gettext_lazy as _

from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    PublicPages,
)

from .actions import POST_ACTIONS
from .models import GroupMember, MediaPost, ReadingRoom, TrainingSession
from .permissions import can_view_oversight
from .selectors import post_visible_to_staff

# The leading group, its division of work, the public training sessions and the
# reading rooms (闽质监〔2017〕126号 三(一)).
PAGES = [
    PublicPages(
        "oversight:organisation", shows=(GroupMember, TrainingSession, ReadingRoom)
    ),
    PublicPages("oversight:reading-rooms", shows=(ReadingRoom,)),
]


def declare() -> Module:
    return Module(
        name="oversight",
        public_urls="gongkai.oversight.urls",
        staff_urls="gongkai.oversight.staff_urls",
        api_urls="gongkai.oversight.api_urls",
        more_api_urls={"plans": "gongkai.oversight.api_plans_urls"},
        public_menu=[MenuEntry(_("公开工作机构"), "oversight:organisation", 90)],
        staff_menu=[
            MenuEntry(_("公开监督"), "oversight-staff:home", 80),
            MenuEntry(
                _("网站检查"), "oversight-staff:check", 81, visible=can_view_oversight
            ),
        ],
        content=[
            ContentKind(
                MediaPost,
                _("新媒体稿件"),
                "oversight-staff:post-edit",
                staff_queryset=post_visible_to_staff,
                actions=POST_ACTIONS,
            )
        ],
        cache=[
            CacheWatch(ReadingRoom),
            CacheWatch(GroupMember),
            CacheWatch(TrainingSession),
        ],
        pages=PAGES,
        commands=["oversight"],
        demo="gongkai.oversight.demo",
    )
