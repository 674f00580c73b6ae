"""The login lockout counts a username and an address together, and tells the
account holder."""

from __future__ import annotations

import pytest
from django.core import mail

from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _post(client, password, **meta):
    return client.post(LOGIN, {"username": "author", "password": password}, **meta)


@pytest.fixture
def holder(staff):
    staff.email = "author@example.gov.cn"
    staff.save()
    return staff


def test_a_lockout_holds_one_address_only_and_tells_the_holder(
    client, holder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        codes = [_post(client, "nope", REMOTE_ADDR="203.0.113.7").status_code for _ in range(7)]  # fmt: skip
    assert codes[:4] == [200] * 4 and set(codes[4:]) <= {403, 429}
    locked = _post(client, "pw-author", REMOTE_ADDR="203.0.113.7")
    assert locked.status_code in (403, 429)
    # one notice, however many attempts follow
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["author@example.gov.cn"]
    assert "203.0.113.7" in notice.body and "暂时锁定" in notice.subject
    event = AuditEvent.objects.get(action="accounts.locked_out")
    assert event.changes == {"ip_address": "203.0.113.7"}
    # the holder, from their own address, still logs in
    other = _post(client, "pw-author", REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 302


def test_a_forged_header_does_not_move_the_lockout(client, holder):
    for i in range(5):
        _post(client, "nope", REMOTE_ADDR="203.0.113.7", HTTP_X_REAL_IP=f"10.0.0.{i}",
              HTTP_X_FORWARDED_FOR=f"10.1.0.{i}")  # fmt: skip
    response = _post(client, "pw-author", REMOTE_ADDR="203.0.113.7",
                     HTTP_X_REAL_IP="10.0.0.99")  # fmt: skip
    assert response.status_code in (403, 429)


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, holder, settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(5):
        _post(client, "nope", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    attacker = _post(client, "pw-author", REMOTE_ADDR="127.0.0.1",
                     HTTP_X_REAL_IP="203.0.113.7")  # fmt: skip
    assert attacker.status_code in (403, 429)
    # the same proxy, another citizen's address: not locked out
    response = _post(client, "pw-author", REMOTE_ADDR="127.0.0.1",
                     HTTP_X_REAL_IP="198.51.100.20")  # fmt: skip
    assert response.status_code == 302


def test_no_notice_without_an_address_on_file(client, staff):
    for _ in range(6):
        _post(client, "nope", REMOTE_ADDR="203.0.113.7")
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="accounts.locked_out").count() == 1
