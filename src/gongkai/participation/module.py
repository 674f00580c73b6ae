import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.common.figures import FINDINGS, TIMELINESS, ClockTally
from gongkai.common.modules import (
    CacheWatch,
    ContentKind,
    ImportKind,
    MenuEntry,
    Module,
    PublicPages,
    SearchSource,
    api_list,
)

from .clock_rules import CLOCK_RULES

# --- consultations and open meetings (issue 13 items 1, 5)
from .consultation_actions import CONSULTATION_ACTIONS, FEEDBACK_ACTIONS
from .consultation_figures import consultation_timeliness

# --- mailbox, proposals, incidents (issue 13 items 2-4, 8)
from .figures import findings, timeliness
from .importing import participation_import_stored
from .models import (
    ConsultationComment,
    FeedbackItem,
    FeedbackReport,
    Incident,
    IncidentRelease,
    Message,
    MessageImportRun,
    OpenMeeting,
    Proposal,
    ProposalReply,
    PublicConsultation,
)
from .search import (
    consultation_entry,
    consultation_queryset,
    feedback_entry,
    feedback_queryset,
    meeting_entry,
    meeting_queryset,
)
from .search_mailbox import (
    incident_entry,
    incident_queryset,
    message_entry,
    message_queryset,
    reply_entry,
    reply_queryset,
)
from .selectors.consultations import (
    consultation_list_shareable,
    consultation_visible_to_staff,
    feedback_visible_to_staff,
    meeting_visible_to_staff,
)
from .selectors.mailbox import (
    incident_list_public,
    message_list_public,
    proposal_list_public,
    reply_visible_to_staff,
)


def all_timeliness(*, start: dt.date, end: dt.date) -> list[ClockTally]:
    """TIMELINESS: the feedback clocks of consultations, and the mailbox, proposal
    and incident clocks."""
    return consultation_timeliness(start=start, end=end) + timeliness(
        start=start, end=end
    )


def _consultations() -> object:
    # An open consultation's page carries the comment form (a per-visitor token):
    # it answers ``private``, and is neither kept nor written (``static``). When it
    # opens its file goes; when it closes the edge adds it back.
    return consultation_list_shareable(now=timezone.now()).only("pk")


def _feedback() -> object:
    return FeedbackReport.objects.visible(timezone.now()).only("pk")


def _meetings() -> object:
    return OpenMeeting.objects.visible(timezone.now()).only("pk")


def _messages() -> object:
    return message_list_public().only("pk", "tracking_number")


def _proposals() -> object:
    return proposal_list_public().select_related(None).prefetch_related(None).only("pk")


def _incidents() -> object:
    return incident_list_public().prefetch_related(None).only("pk")


CO_DEPARTMENTS = Proposal.co_departments.through
# The anonymous pages. Dynamic, not declared: the comment form's target (POST), the
# mailbox's form, its acknowledgement and the query-code lookup (track, mine).
PAGES = [
    PublicPages(
        "participation:consultation-list",
        params=("phase", "page"),
        shows=(PublicConsultation, ConsultationComment, FeedbackReport),
    ),
    PublicPages("participation:consultation-feed", shows=(PublicConsultation,)),
    PublicPages(
        "participation:consultation-detail",
        each=_consultations,
        item=PublicConsultation,
    ),
    PublicPages("participation:feedback-detail", each=_feedback, item=FeedbackReport),
    PublicPages("participation:meeting-list", params=("page",), shows=(OpenMeeting,)),
    PublicPages("participation:meeting-detail", each=_meetings, item=OpenMeeting),
    PublicPages("participation:message-list", params=("page",), shows=(Message,)),
    PublicPages("participation:message-feed", shows=(Message,)),
    PublicPages("participation:message-detail", each=_messages, item=Message),
    PublicPages(
        "participation:proposal-list",
        params=("year",),
        shows=(Proposal, ProposalReply, CO_DEPARTMENTS),
    ),
    PublicPages("participation:proposal-detail", each=_proposals, item=Proposal),
    PublicPages("participation:incident-list", shows=(Incident, IncidentRelease)),
    PublicPages("participation:incident-feed", shows=(Incident,)),
    PublicPages("participation:incident-detail", each=_incidents, item=Incident),
    # The API lists, under both prefixes, cached like pages for anonymous callers.
    *(
        api_list(
            name,
            params=("phase",),
            shows=(PublicConsultation, ConsultationComment, FeedbackReport),
        )
        for name in (
            "api:participation-api:consultation-list",
            "api:consultations-api:list",
        )
    ),
    *(
        api_list(name, shows=(OpenMeeting,))
        for name in ("api:participation-api:meeting-list", "api:meetings-api:list")
    ),
    *(
        api_list(name, shows=(Message,))
        for name in ("api:participation-api:message-list", "api:messages-api:list")
    ),
    *(
        api_list(
            name, params=("year",), shows=(Proposal, ProposalReply, CO_DEPARTMENTS)
        )
        for name in ("api:participation-api:proposal-list", "api:proposals-api:list")
    ),
    *(
        api_list(name, shows=(Incident, IncidentRelease))
        for name in ("api:participation-api:incident-list", "api:incidents-api:list")
    ),
]


def declare() -> Module:
    return Module(
        name="participation",
        public_urls="gongkai.participation.urls",
        staff_urls="gongkai.participation.staff_urls",
        api_urls="gongkai.participation.api_urls",
        more_api_urls={
            name: f"gongkai.participation.api_prefixes.{name}"
            for name in (
                "consultations",
                "meetings",
                "messages",
                "proposals",
                "incidents",
            )
        },
        public_menu=[
            MenuEntry(_("征求意见"), "participation:consultation-list", 60),
            MenuEntry(_("公众留言"), "participation:message-list", 61),
            MenuEntry(_("会议开放"), "participation:meeting-list", 62),
            MenuEntry(_("建议提案办理"), "participation:proposal-list", 63),
            MenuEntry(_("突发事件与舆情回应"), "participation:incident-list", 64),
        ],
        staff_menu=[
            MenuEntry(_("征求意见"), "participation-staff:consultation-list", 60),
            MenuEntry(_("公众留言"), "participation-staff:message-list", 61),
            MenuEntry(_("开放会议"), "participation-staff:meeting-list", 62),
            MenuEntry(_("建议提案"), "participation-staff:proposal-list", 63),
            MenuEntry(_("突发事件与舆情"), "participation-staff:incident-list", 64),
        ],
        content=[
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
            ContentKind(
                ProposalReply,
                _("建议提案答复"),
                "participation-staff:reply-edit",
                staff_queryset=reply_visible_to_staff,
            ),
        ],
        search=[
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
            SearchSource(Message, _("留言答复"), message_queryset, message_entry),
            SearchSource(ProposalReply, _("建议提案答复"), reply_queryset, reply_entry),
            SearchSource(
                Incident, _("突发事件与舆情"), incident_queryset, incident_entry
            ),
        ],
        cache=[
            # consultations: the publication window, and the comment period's edges
            CacheWatch(PublicConsultation, window=("publish_at", "unpublish_at")),
            CacheWatch(
                PublicConsultation, window=("open_at", "close_at"), content=False
            ),
            # a consultation's page shows its comments' count and its report
            CacheWatch(ConsultationComment, parents=("consultation",)),
            CacheWatch(
                FeedbackReport,
                window=("publish_at", "unpublish_at"),
                parents=("consultation",),
            ),
            CacheWatch(FeedbackItem, parents=("report",)),
            CacheWatch(OpenMeeting, window=("publish_at", "unpublish_at")),
            CacheWatch(Message),
            CacheWatch(Proposal),
            CacheWatch(CO_DEPARTMENTS, m2m=True),
            CacheWatch(
                ProposalReply,
                window=("publish_at", "unpublish_at"),
                parents=("proposal",),
            ),
            CacheWatch(Incident),
            CacheWatch(IncidentRelease, parents=("incident",)),
        ],
        pages=PAGES,
        clock_rules=CLOCK_RULES,
        imports=[ImportKind(MessageImportRun, participation_import_stored)],
        figures={FINDINGS: findings, TIMELINESS: all_timeliness},
        commands=["consultations"],
        demo="gongkai.participation.demo",
    )
