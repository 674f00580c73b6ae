"""Search sources (answered public messages, published replies, public incidents,
contact data stripped) and query-count ceilings of the public lists."""

from __future__ import annotations

import pytest

from gongkai.participation.services import incidents, mailbox, proposals
from gongkai.publishing import services as pub
from gongkai.search.selectors import search_run

from .support import at, submit

pytestmark = pytest.mark.django_db
LATER = at(2027, 1, 10, 9)


def hits(query):
    return search_run(query=query, now=LATER).hits


def test_search_finds_public_answered_messages_only(
    department, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown, _ = submit(now=at(2026, 9, 30, 16), department=department,
                          subject="电动自行车头盔标准")  # fmt: skip
        hidden, _ = submit(now=at(2026, 9, 30, 16), department=department,
                           subject="锅炉头盔问题", is_public=False)  # fmt: skip
        submit(now=at(2026, 9, 30, 16), department=department,
                            subject="头盔抽检何时公布")  # fmt: skip
        for m in (shown, hidden):
            mailbox.message_answer(message=m, answer="执行GB 811-2022。", by=staff,
                                   now=at(2026, 10, 9))  # fmt: skip
    found = hits("头盔")
    assert [h.title for h in found] == ["电动自行车头盔标准"]
    assert "13800138000" not in found[0].snippet


def test_search_finds_published_replies_and_incidents(
    department, staff, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = proposals.proposal_create(
            kind="deputy", year=2026, number="0012", title="关于电梯安全的建议",
            proposer="李代表", lead_department=department,
            assigned_at=at(2026, 11, 30, 10), by=reviewer, now=at(2026, 11, 30, 10),
        )  # fmt: skip
        reply = proposals.proposal_reply(
            proposal=p, title="对电梯安全建议的答复", body="加强维保监督。",
            by=staff, now=at(2026, 12, 20),
        )  # fmt: skip
        assert not [h for h in hits("维保监督")]
        pub.publishing_submit(obj=reply, by=staff, now=at(2026, 12, 20))
        pub.publishing_approve(obj=reply, by=reviewer, now=at(2026, 12, 21))
        pub.publishing_publish(obj=reply, by=reviewer, now=at(2026, 12, 21))
        incidents.incident_create(
            title="自动扶梯故障", kind="major", occurred_at=at(2026, 12, 5, 23, 10),
            department=department, by=staff, now=at(2026, 12, 5, 23, 30),
        )  # fmt: skip
    assert [h.title for h in hits("维保监督")] == ["对电梯安全建议的答复"]
    assert [h.title for h in hits("自动扶梯")] == ["自动扶梯故障"]


def test_public_lists_have_a_query_ceiling(
    client, department, other_department, staff, reviewer, django_assert_max_num_queries
):
    for n in range(3):
        m, _ = submit(now=at(2026, 9, 30, 16), department=department, subject=f"问{n}")
        mailbox.message_answer(message=m, answer="答", by=staff, now=at(2026, 10, 9))
        p = proposals.proposal_create(
            kind="deputy", year=2026, number=f"00{n}", title=f"建议{n}",
            proposer="李代表", lead_department=department,
            co_departments=[other_department], assigned_at=at(2026, 11, 30, 10),
            by=reviewer, now=at(2026, 11, 30, 10),
        )  # fmt: skip
        proposals.proposal_reply(proposal=p, title="答复", body="x", by=staff,
                                 now=at(2026, 12, 1))  # fmt: skip
        i = incidents.incident_create(
            title=f"事件{n}", kind="concern", occurred_at=at(2026, 12, 5, 23, 10),
            department=department, by=staff, now=at(2026, 12, 5, 23, 30),
        )  # fmt: skip
        incidents.incident_release_add(
            incident=i, kind="response", title="回应", at=at(2026, 12, 6, 9),
            by=staff, now=at(2026, 12, 6, 9),
        )  # fmt: skip
    for url, ceiling in (
        ("/messages/", 6),
        ("/proposals/?year=2026", 7),
        ("/incidents/", 6),
        ("/api/v1/participation/messages/", 6),
        ("/api/v1/participation/proposals/", 7),
        ("/api/v1/participation/incidents/", 6),
    ):
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200, url
