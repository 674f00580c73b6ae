"""TOTP enrolment and verification: the device, the throttle and the audit trail."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.services import totp_device_for, totp_verify
from gongkai.accounts.tests.factories import UserFactory
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 3, 2, 1, 0, 0, tzinfo=dt.UTC)


def _token(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def _actions(user: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_id=str(user.pk), action__startswith="accounts."
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_new_user_has_no_device_and_none_is_made_for_it() -> None:
    user = UserFactory()

    assert totp_device_for(user) is None
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_device_for_an_enrolled_user_is_the_confirmed_one() -> None:
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="old pending", confirmed=False)
    confirmed = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    assert totp_device_for(user).pk == confirmed.pk


@time_machine.travel(MOMENT, tick=False)
def test_a_pending_device_is_no_second_factor() -> None:
    """A secret shown before (first come, first served) opens nothing."""
    user = UserFactory()
    pending = TOTPDevice.objects.create(user=user, name="old pending", confirmed=False)

    assert totp_verify(user=user, token=_token(pending)) is None
    pending.refresh_from_db()
    assert pending.confirmed is False
    assert _actions(user) == ["accounts.otp_failed"]


@time_machine.travel(MOMENT, tick=False)
def test_non_numeric_token_is_a_failure() -> None:
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    assert totp_verify(user=user, token="abcdef") is None
    assert _actions(user) == ["accounts.otp_failed"]


@time_machine.travel(MOMENT, tick=False)
def test_good_token_on_an_enrolled_device_is_not_audited_as_enrolment() -> None:
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    verified = totp_verify(user=user, token=_token(device))

    assert verified is not None and verified.pk == device.pk
    assert _actions(user) == []


def test_a_token_cannot_be_replayed() -> None:
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with time_machine.travel(MOMENT, tick=False):
        token = _token(device)
        assert totp_verify(user=user, token=token) is not None
    with time_machine.travel(MOMENT + dt.timedelta(seconds=5), tick=False):
        assert totp_verify(user=user, token=token) is None
    assert _actions(user) == ["accounts.otp_failed"]


def test_a_failure_throttles_the_next_attempt_even_with_a_good_token() -> None:
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with time_machine.travel(MOMENT, tick=False):
        good = _token(device)
        wrong = f"{(int(good) + 1) % 1_000_000:06d}"
        assert totp_verify(user=user, token=wrong) is None
        # Within the throttle delay (1 s after one failure) even the right token fails.
        assert totp_verify(user=user, token=good) is None
    assert _actions(user) == ["accounts.otp_failed", "accounts.otp_failed"]


def test_the_named_actor_is_recorded_when_given() -> None:
    user = UserFactory()
    admin = UserFactory(username="helpdesk", role="admin")

    with time_machine.travel(MOMENT, tick=False):
        assert totp_verify(user=user, token="abcdef", actor=admin) is None

    event = AuditEvent.objects.get(action="accounts.otp_failed")
    assert (event.actor_id, event.object_id) == (admin.pk, str(user.pk))
