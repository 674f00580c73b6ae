"""Contributors' own page (DRAW.md §6.2, §7.2): a link per contributor, no login; the
commitment before the commit, the reveal after it, by the deadline, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from gongkai.common.models import AuditEvent
from gongkai.core.draw.contrib import commitment
from gongkai.core.draw.primitives import HashProfile
from gongkai.inspections import services
from gongkai.inspections.models import Contribution

from .support import SIGNATURE, T0, make_task, registry

pytestmark = pytest.mark.django_db
SHA = HashProfile.for_alg("sha256")
VALUE = "5a" * 32


@pytest.fixture
def setup(login, staff, reviewer, department):
    """A frozen draw with a notary invited through the task page (no commitment)."""
    registry()
    task = make_task(by=staff, department=department)
    d = services.draw_freeze(task=task, by=staff, now=T0)
    office = login(reviewer)
    response = office.post(
        reverse("inspections-staff:task-action", args=[task.code, "contribution"]),
        {"draw": d.pk, "contributor_id": "notary-1", "name": "公证处"},
        follow=True,
    )
    page = response.content.decode()
    assert "只显示这一次" in page
    link = re.search(r"http://testserver(/inspections/contribute/[^/\s<]+/)", page)
    assert link, page[:2000]
    return task, d, link.group(1), office


def _commitment(d, cid="notary-1", value=VALUE):
    return commitment(SHA, d.params["task_id"], cid, bytes.fromhex(value)).hex()


def test_contributor_commits_then_reveals_through_its_link(setup, reviewer):
    _task, d, url, _office = setup
    person = Client()
    page = person.get(url)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "提交承诺值" in page.content.decode()
    assert "python -m gongkai.core.draw.contrib" in page.content.decode()
    done = person.post(url, {"action": "commit", "commitment": _commitment(d)})
    assert done.status_code == 302
    c = Contribution.objects.get()
    assert c.commitment == _commitment(d)
    event = AuditEvent.objects.get(action="inspections.contribution.commit")
    assert event.actor is None and event.changes["id"] == "notary-1"
    again = person.post(url, {"action": "commit", "commitment": "00" * 32})
    assert again.status_code == 400
    assert "承诺值已经提交，不能更改" in again.content.decode()

    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    assert d.commit["contributor_commitments"] == [
        {"id": "notary-1", "commitment": _commitment(d)}
    ]
    with time_machine.travel(d.beacon_time - dt.timedelta(hours=1)):
        late_commit = person.post(url, {"action": "commit", "commitment": "00" * 32})
        assert "承诺值已经提交" in late_commit.content.decode()
        wrong = person.post(url, {"action": "reveal", "value_hex": "5b" * 32})
        assert wrong.status_code == 400
        assert "揭示值与承诺值不符" in wrong.content.decode()
        ok = person.post(url, {"action": "reveal", "value_hex": VALUE})
        assert ok.status_code == 302
        twice = person.post(url, {"action": "reveal", "value_hex": VALUE})
        assert "已经揭示过，不能再次揭示" in twice.content.decode()
    c.refresh_from_db()
    assert c.value_hex == VALUE
    reveal = AuditEvent.objects.get(action="inspections.contribution.reveal")
    assert reveal.changes["via"] == "link"
    after = d.beacon_time + dt.timedelta(minutes=1)
    d = services.draw_beacon_enter(
        draw=d, by=reviewer, now=after, signature_hex=SIGNATURE
    )
    d = services.draw_run(draw=d, by=reviewer, now=after)
    assert d.output["result"]["contributions"] == [{"id": "notary-1", "value": VALUE}]


def test_late_reveal_is_refused_and_the_value_left_out(setup, reviewer):
    _task, d, url, _office = setup
    person = Client()
    person.post(url, {"action": "commit", "commitment": _commitment(d)})
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    with time_machine.travel(d.reveal_deadline + dt.timedelta(minutes=1)):
        late = person.post(url, {"action": "reveal", "value_hex": VALUE})
        assert late.status_code == 400
        assert "揭示截止时间已过" in late.content.decode()
    assert Contribution.objects.get().value_hex == ""


def test_wrong_token_gets_a_clear_chinese_message(client, db):
    for token in ("nope", "x" * 300):
        response = client.get(reverse("inspections:contribute", args=[token]))
        assert response.status_code == 404
        assert "链接无效" in response.content.decode()
    post = client.post(
        reverse("inspections:contribute", args=["nope"]),
        {"action": "reveal", "value_hex": VALUE},
    )
    assert post.status_code == 404 and "链接无效" in post.content.decode()


def test_an_uncommitted_invitee_is_left_out_of_the_commit(setup, reviewer):
    _task, d, url, _office = setup
    d = services.draw_commit(draw=d, by=reviewer, now=T0)
    assert d.commit["contributor_commitments"] == []
    page = Client().post(url, {"action": "commit", "commitment": _commitment(d)})
    assert page.status_code == 400
    assert "不能再提交承诺值" in page.content.decode()


def test_a_new_link_replaces_the_old_one(setup):
    task, _d, url, office = setup
    c = Contribution.objects.get()
    response = office.post(
        reverse("inspections-staff:task-action", args=[task.code, "contributor-link"]),
        {"contribution": c.pk},
        follow=True,
    )
    assert "只显示这一次" in response.content.decode()
    assert Client().get(url).status_code == 404
    assert AuditEvent.objects.filter(action="inspections.contribution.link").exists()


def test_malformed_commitment_is_explained(setup):
    _task, _d, url, _office = setup
    response = Client().post(url, {"action": "commit", "commitment": "XYZ"})
    assert response.status_code == 400
    assert "承诺值应为64位小写十六进制" in response.content.decode()
