"""Enrolment by an administrator's one-time link: hashed, expiring, single use."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.models import EnrolmentLink
from gongkai.accounts.services import (
    EnrolmentLinkError,
    enrolment_complete,
    enrolment_device,
    enrolment_link_issue,
    enrolment_link_valid,
    totp_verify,
)
from gongkai.accounts.tests.factories import UserFactory
from gongkai.common.errors import PermissionDeniedError
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 3, 2, 1, 0, 0, tzinfo=dt.UTC)


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def admin():
    return UserFactory(username="admin", role="admin")


@time_machine.travel(MOMENT, tick=False)
def test_a_link_is_stored_hashed_expires_and_is_audited(admin):
    user = UserFactory(username="holder")

    link, token = enrolment_link_issue(user=user, by=admin)

    assert len(token) >= 40
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not EnrolmentLink.objects.filter(token_hash=token).exists()
    assert link.expires_at == MOMENT + dt.timedelta(hours=72)
    event = AuditEvent.objects.get(action="accounts.enrol_link_issued")
    assert (event.actor_id, event.object_id) == (admin.pk, str(user.pk))
    assert token not in str(event.changes)


def test_only_an_administrator_issues_links():
    user = UserFactory()
    reviewer = UserFactory(role="reviewer")
    with pytest.raises(PermissionDeniedError):
        enrolment_link_issue(user=user, by=reviewer)
    with pytest.raises(PermissionDeniedError):
        enrolment_link_issue(user=user, by=user)
    assert not EnrolmentLink.objects.exists()


@time_machine.travel(MOMENT, tick=False)
def test_a_valid_link_and_the_right_code_bind_the_authenticator(admin):
    user = UserFactory()
    link, token = enrolment_link_issue(user=user, by=admin)
    device = enrolment_device(link=link)
    assert enrolment_device(link=link).pk == device.pk  # one secret per link

    bound = enrolment_complete(user=user, token=token, code=_code(device))

    assert bound is not None and bound.pk == device.pk
    device.refresh_from_db()
    link.refresh_from_db()
    assert device.confirmed is True
    assert link.used_at == MOMENT
    assert AuditEvent.objects.filter(action="accounts.otp_enrolled").count() == 1


@time_machine.travel(MOMENT, tick=False)
def test_a_wrong_code_keeps_the_link_usable(admin):
    user = UserFactory()
    link, token = enrolment_link_issue(user=user, by=admin)
    device = enrolment_device(link=link)

    assert enrolment_complete(user=user, token=token, code=_wrong(device)) is None

    link.refresh_from_db()
    assert link.used_at is None
    assert enrolment_link_valid(token=token, user=user) is not None
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_used_link_is_refused(admin):
    user = UserFactory()
    with time_machine.travel(MOMENT, tick=False):
        link, token = enrolment_link_issue(user=user, by=admin)
        device = enrolment_device(link=link)
        enrolment_complete(user=user, token=token, code=_code(device))
    with time_machine.travel(MOMENT + dt.timedelta(minutes=1), tick=False):
        assert enrolment_link_valid(token=token, user=user) is None
        with pytest.raises(EnrolmentLinkError):
            enrolment_complete(user=user, token=token, code=_code(device))


def test_an_expired_link_is_refused(admin):
    user = UserFactory()
    with time_machine.travel(MOMENT, tick=False):
        link, token = enrolment_link_issue(user=user, by=admin)
        device = enrolment_device(link=link)
    later = MOMENT + dt.timedelta(hours=72, seconds=1)
    with time_machine.travel(later, tick=False):
        assert enrolment_link_valid(token=token, user=user) is None
        with pytest.raises(EnrolmentLinkError):
            enrolment_complete(user=user, token=token, code=_code(device))
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@time_machine.travel(MOMENT, tick=False)
def test_a_link_serves_its_own_account_only(admin):
    holder, other = UserFactory(), UserFactory()
    link, token = enrolment_link_issue(user=holder, by=admin)
    device = enrolment_device(link=link)

    assert enrolment_link_valid(token=token, user=other) is None
    with pytest.raises(EnrolmentLinkError):
        enrolment_complete(user=other, token=token, code=_code(device))
    with pytest.raises(EnrolmentLinkError):
        enrolment_complete(user=holder, token=token + "x", code=_code(device))


@time_machine.travel(MOMENT, tick=False)
def test_a_new_link_voids_the_earlier_one_and_its_secret(admin):
    user = UserFactory()
    first, first_token = enrolment_link_issue(user=user, by=admin)
    old_secret = enrolment_device(link=first)

    second, second_token = enrolment_link_issue(user=user, by=admin)

    assert enrolment_link_valid(token=first_token, user=user) is None
    assert not TOTPDevice.objects.filter(pk=old_secret.pk).exists()
    assert enrolment_device(link=second).key != old_secret.key
    assert enrolment_link_valid(token=second_token, user=user) is not None


@time_machine.travel(MOMENT, tick=False)
def test_re_enrolment_replaces_the_old_authenticator(admin):
    user = UserFactory()
    old = TOTPDevice.objects.create(user=user, name="lost phone", confirmed=True)
    link, token = enrolment_link_issue(user=user, by=admin)
    assert TOTPDevice.objects.filter(pk=old.pk).exists()  # works until the new one
    device = enrolment_device(link=link)

    enrolment_complete(user=user, token=token, code=_code(device))

    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [
        device.pk
    ]
    assert totp_verify(user=user, token=_code(old)) is None
