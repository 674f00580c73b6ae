"""The demo data of the mailbox, proposals and incidents: loads once (idempotent),
has answered, overdue and red-line messages, published replies and an incident with
its releases, and no personal data on the public pages, API or feeds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from gongkai.accounts import demo as accounts_demo
from gongkai.clocks.selectors import clock_inbox
from gongkai.core.text import scan_personal_data
from gongkai.participation import demo_mailbox as demo
from gongkai.participation.figures import findings
from gongkai.participation.models import (
    Incident,
    Message,
    MessageStatus,
    Proposal,
    ProposalReply,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_data():
    out = io.StringIO()
    accounts_demo.load(now=NOW, out=out)
    demo.load(now=NOW, out=out)
    demo.load(now=NOW, out=out)  # idempotent
    return out.getvalue()


def test_demo_loads_every_kind_once(demo_data):
    assert Message.objects.count() == len(demo.MESSAGES)
    assert Message.objects.filter(status=MessageStatus.ANSWERED).count() == 3
    assert Proposal.objects.count() == 3
    assert ProposalReply.objects.filter(status="published").count() == 2
    assert Incident.objects.get().releases.count() == 3
    indicators = {f.indicator for f in findings(on=NOW)}
    assert indicators == {"interaction.unanswered", "interaction.late"}
    from gongkai.accounts.models import User

    overdue = clock_inbox(User.objects.get(username="office"), now=NOW)["overdue"]
    assert {c.rule_key for c in overdue} >= {"message.reply", "message.red_line"}


def test_no_personal_data_in_public_output(client, demo_data):
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        urls = ["/messages/", "/proposals/", "/incidents/", "/messages/feed/",
                "/api/v1/participation/messages/", "/api/v1/participation/proposals/",
                "/api/v1/participation/incidents/"]  # fmt: skip
        urls += [m.get_absolute_url() for m in Message.objects.filter(is_public=True,
                 status=MessageStatus.ANSWERED)]  # fmt: skip
        urls += [p.get_absolute_url() for p in Proposal.objects.all()]
        urls += [i.get_absolute_url() for i in Incident.objects.all()]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            assert not scan_personal_data(text), (url, scan_personal_data(text))
            assert "张三" not in text, url
