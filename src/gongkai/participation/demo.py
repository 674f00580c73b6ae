"""Demonstration participation data.

consultations: an open consultation with moderated comments (one carries a mobile
number, masked on the public page), a closed one with its published feedback report,
and one open meeting page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.accounts.models import User
from gongkai.publishing import services as pub

from . import demo_mailbox
from .models import OpenMeeting, PublicConsultation
from .services import consultations as services
from .services.meetings import MeetingData, meeting_create

OPEN_TITLE = "《福建省电动自行车产品质量监督管理办法（征求意见稿）》"
CLOSED_TITLE = "《福建省计量器具强制检定工作规范（征求意见稿）》"


def _consultation(
    title: str, *, opens: dt.datetime, author: Any, office: Any, publish_comments: bool
) -> PublicConsultation:
    data = services.ConsultationData(
        title=title,
        explanation=(
            "为规范相关工作，我局起草了本草案。现公开征求社会各界意见，"
            "请于截止时间前通过本页提交意见，或者邮寄至本局政策法规处。"
        ),
        open_at=opens,
        close_at=opens + dt.timedelta(days=31),
        draft_url="https://www.example.gov.cn/zqyj/draft.pdf",
        channels="通信地址：福州市鼓楼区某路1号 政策法规处（邮编350001）",
        publish_comments=publish_comments,
    )
    c = services.consultation_create(
        data=data, department=author.department, by=author, now=opens
    )
    pub.publishing_submit(obj=c, by=author, now=opens)
    pub.publishing_approve(obj=c, by=office, accept_warnings=True, now=opens)
    published = pub.publishing_publish(obj=c, by=office, publish_at=opens, now=opens)
    assert isinstance(published, PublicConsultation)
    return published


def _load_consultations(*, now: dt.datetime, out: Any) -> None:
    # consultations ------------------------------------------------------------------
    if PublicConsultation.objects.filter(title=OPEN_TITLE).exists():
        out.write("Consultations: already loaded.")
        return
    author = User.objects.get(username="quality")
    office = User.objects.get(username="office")
    opened = now - dt.timedelta(days=10)
    open_one = _consultation(
        OPEN_TITLE, opens=opened, author=author, office=office, publish_comments=True
    )
    texts = [
        ("第五条", "建议明确电动自行车充电器的抽检频次。"),
        ("第八条", "建议增加对销售企业的培训要求，如有疑问可致电13800138000联系我。"),
        ("", "支持出台本办法。"),
    ]
    for n, (topic, body) in enumerate(texts):
        comment = services.comment_submit(
            consultation=open_one,
            body=body,
            topic=topic,
            name="市民" if n else "某企业",
            now=opened + dt.timedelta(days=n + 1),
        )
        if n < 2:
            services.comment_moderate(
                comment=comment,
                approve=True,
                by=author,
                now=opened + dt.timedelta(days=4),
            )
    closed_opens = now - dt.timedelta(days=60)
    closed = _consultation(
        CLOSED_TITLE, opens=closed_opens, author=author, office=office,
        publish_comments=False,
    )  # fmt: skip
    for body in ("建议延长检定周期。", "建议公布检定机构名单。", "建议简化申请材料。"):
        services.comment_submit(
            consultation=closed, body=body, now=closed_opens + dt.timedelta(days=3)
        )
    ended = closed.close_at
    services.consultations_close_due(now=ended + dt.timedelta(hours=1))
    written = ended + dt.timedelta(days=10)
    report = services.feedback_create(
        consultation=closed,
        title="",
        summary="征求意见期间共收到意见3条，经研究，采纳1条，部分采纳1条，未采纳1条。",
        received_count=3,
        items=[
            services.FeedbackItemData("检定机构", "建议公布检定机构名单。", "adopted"),
            services.FeedbackItemData(
                "申请材料", "建议简化申请材料。", "partly",
                reason="已删除重复提交的证明材料；法定材料不能减少。",
            ),
            services.FeedbackItemData(
                "检定周期", "建议延长检定周期。", "not_adopted",
                reason="检定周期由国家计量检定规程规定，本规范无权调整。",
            ),
        ],
        by=author,
        now=written,
    )  # fmt: skip
    pub.publishing_submit(obj=report, by=author, now=written)
    pub.publishing_approve(obj=report, by=office, accept_warnings=True, now=written)
    services.feedback_publish(report=report, by=office, now=written)
    services.consultation_final_document_set(
        consultation=closed,
        url="https://www.example.gov.cn/zcwj/final.html",
        by=author,
        now=written,
    )
    # open meetings -------------------------------------------------------------------
    if not OpenMeeting.objects.exists():
        held = now - dt.timedelta(days=7)
        meeting = meeting_create(
            data=MeetingData(
                title="2026年第4次局务会议（开放）",
                held_at=held,
                place="局机关三楼会议室",
                agenda="一、审议《福建省电动自行车产品质量监督管理办法（征求意见稿）》；"
                "二、通报第三季度产品质量监督抽查情况。",
                participants="市民代表2名、企业代表1名、新闻媒体记者2名",
                livestream_url="https://live.example.gov.cn/meeting/4",
                recording_url="https://video.example.gov.cn/meeting/4",
                outcome="会议原则通过征求意见稿，责成产品质量监督处根据意见修改完善。",
            ),
            department=author.department,
            by=author,
            now=held,
        )
        pub.publishing_submit(obj=meeting, by=author, now=held)
        pub.publishing_approve(obj=meeting, by=office, accept_warnings=True, now=held)
        pub.publishing_publish(obj=meeting, by=office, now=held + dt.timedelta(days=1))
    out.write(
        "Consultations: 1 open with comments, 1 closed with its feedback report; "
        "1 open meeting."
    )


def load(*, now: dt.datetime, out: Any) -> None:
    """Consultations and meetings, then the mailbox, proposals and incidents."""
    _load_consultations(now=now, out=out)
    demo_mailbox.load(now=now, out=out)
