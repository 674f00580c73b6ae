from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import TIMELINESS
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    MenuEntry,
    Module,
    SearchSource,
)

from .clock_rules import CLOCK_RULES
from .consultation_actions import CONSULTATION_ACTIONS, FEEDBACK_ACTIONS
from .consultation_figures import consultation_timeliness
from .models import ConsultationComment, FeedbackReport, OpenMeeting, PublicConsultation
from .search import (
    consultation_entry,
    consultation_queryset,
    feedback_entry,
    feedback_queryset,
    meeting_entry,
    meeting_queryset,
)
from .selectors.consultations import (
    consultation_visible_to_staff,
    feedback_visible_to_staff,
    meeting_visible_to_staff,
)


def declare() -> Module:
    # Incidents and public concern (plan task 12): the clocks (clock_rules.py).
    # consultations and open meetings (issue 13 items 1, 5): the blocks below.
    return Module(
        name="participation",
        public_urls="gongkai.participation.urls",
        staff_urls="gongkai.participation.staff_urls",
        api_urls="gongkai.participation.api_urls",
        public_menu=[
            # consultations
            MenuEntry(_("征求意见"), "participation:consultation-list", 60),
            MenuEntry(_("会议开放"), "participation:meeting-list", 62),
        ],
        staff_menu=[
            # consultations
            MenuEntry(_("征求意见"), "participation-staff:consultation-list", 60),
            MenuEntry(_("开放会议"), "participation-staff:meeting-list", 62),
        ],
        content=[
            # consultations
            ContentKind(
                PublicConsultation,
                _("征求意见"),
                "participation-staff:consultation-edit",
                staff_queryset=consultation_visible_to_staff,
                actions=CONSULTATION_ACTIONS,
            ),
            ContentKind(
                FeedbackReport,
                _("意见采纳情况反馈"),
                "participation-staff:feedback-edit",
                staff_queryset=feedback_visible_to_staff,
                actions=FEEDBACK_ACTIONS,
            ),
            ContentKind(
                OpenMeeting,
                _("开放会议"),
                "participation-staff:meeting-edit",
                staff_queryset=meeting_visible_to_staff,
            ),
        ],
        search=[
            # consultations
            SearchSource(
                PublicConsultation,
                _("征求意见"),
                consultation_queryset,
                consultation_entry,
            ),
            SearchSource(
                FeedbackReport, _("意见采纳情况反馈"), feedback_queryset, feedback_entry
            ),
            SearchSource(OpenMeeting, _("开放会议"), meeting_queryset, meeting_entry),
        ],
        cache=[
            # consultations: the publication window, and the comment period's edges
            CacheWatch(PublicConsultation, window=("publish_at", "unpublish_at")),
            CacheWatch(
                PublicConsultation, window=("open_at", "close_at"), content=False
            ),
            CacheWatch(ConsultationComment),
            CacheWatch(FeedbackReport, window=("publish_at", "unpublish_at")),
            CacheWatch(OpenMeeting, window=("publish_at", "unpublish_at")),
        ],
        clock_rules=CLOCK_RULES,
        # consultations: the feedback clocks (the module's other clocks join here)
        figures={TIMELINESS: consultation_timeliness},
        commands=["consultations"],  # consultations
        demo="gongkai.participation.demo",
    )
