"""The enrolment page, the administrator's action, the command, and the API for an
account that has not enrolled."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from gongkai.accounts.models import EnrolmentLink
from gongkai.accounts.services import enrolment_link_issue

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
INBOX = "/api/v1/clocks/inbox/"


def _code(device: TOTPDevice) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


def _enrol_url(token: str) -> str:
    return reverse("accounts:enrol", args=[token])


@pytest.fixture
def link_for(admin_user):
    def issue(user):
        return enrolment_link_issue(user=user, by=admin_user)[1]

    return issue


def test_the_link_asks_for_the_password_first(client, staff, link_for):
    url = _enrol_url(link_for(staff))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    assert not TOTPDevice.objects.filter(user=staff).exists()  # no secret made
    response = client.post(
        LOGIN, {"username": "author", "password": "pw-author", "next": url}
    )
    assert response["Location"] == url


def test_a_valid_link_binds_and_opens_the_workbench(client, staff, link_for):
    url = _enrol_url(link_for(staff))
    client.force_login(staff)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "绑定身份验证器" in body and "<svg" in body
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert page.context["secret"] in device.config_url

    response = client.post(url, {"token": _code(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    assert client.get(reverse("workbench:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # the link is spent: a second visit is refused with a clear message
    again = client.get(url)
    assert again.status_code == 404
    assert "绑定链接无效、已使用或已过期" in again.content.decode()


def test_a_wrong_code_on_the_link_page_can_be_retried(client, staff, link_for):
    url = _enrol_url(link_for(staff))
    client.force_login(staff)
    client.get(url)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(url, {"token": wrong})
    assert response.status_code == 200
    assert "验证码不正确或已过期" in response.content.decode()
    assert client.get(url).status_code == 200  # still usable


def test_no_link_no_enrolment(client, staff):
    client.force_login(staff)
    for token in ("", "made-up-token"):
        if not token:
            assert client.get(reverse("accounts:otp")).status_code == 403
            continue
        response = client.get(_enrol_url(token))
        assert response.status_code == 404
        assert "请联系系统管理员重新签发" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_another_accounts_link_is_refused(client, staff, other_staff, link_for):
    url = _enrol_url(link_for(staff))
    client.force_login(other_staff)
    assert client.get(url).status_code == 404
    assert client.post(url, {"token": "123456"}).status_code == 404
    assert not TOTPDevice.objects.exists()


def test_an_expired_link_is_refused(client, staff, admin_user):
    moment = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    _link, token = enrolment_link_issue(user=staff, by=admin_user, now=moment)
    client.force_login(staff)
    with time_machine.travel(moment + dt.timedelta(hours=73), tick=False):
        response = client.get(_enrol_url(token))
    assert response.status_code == 404
    assert "已过期" in response.content.decode()


def test_an_unenrolled_token_holder_is_refused_by_the_api(client, staff):
    token = Token.objects.create(user=staff)
    response = client.get(INBOX, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = client.get(INBOX, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_without_required_second_factor_logins_work_at_once(client, staff, settings):
    settings.GONGKAI_REQUIRE_OTP = False  # the development settings (make run)
    client.post(LOGIN, {"username": "author", "password": "pw-author"})
    assert client.get(reverse("workbench:home")).status_code == 200


# ------------------------------------------------------------------ issuing


def test_the_administrator_issues_a_link_in_the_admin(login, admin_user, staff):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = login(admin_user)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "issue_enrolment_link", "_selected_action": [staff.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "已签发 author 的绑定链接" in body and "/accounts/enrol/" in body
    link = EnrolmentLink.objects.get(user=staff)
    assert link.issued_by == admin_user and link.used_at is None


def test_staff_cannot_open_the_admin_to_issue_links(login, staff, other_staff):
    client = login(staff)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "issue_enrolment_link", "_selected_action": [other_staff.pk]},
    )
    assert response.status_code in (302, 403)
    assert not EnrolmentLink.objects.exists()


def test_the_command_prints_a_working_link(client, staff, settings):
    settings.ALLOWED_HOSTS = ["gk.example.gov.cn", "testserver"]
    out, err = io.StringIO(), io.StringIO()
    call_command("accounts", "enrol-link", "author", stdout=out, stderr=err)
    url = out.getvalue().strip()
    assert url.startswith("https://gk.example.gov.cn/accounts/enrol/")
    assert "只能使用一次" in err.getvalue()
    client.force_login(staff)
    path = url.removeprefix("https://gk.example.gov.cn")
    assert client.get(path).status_code == 200


def test_the_command_refuses_an_unknown_account(db):
    with pytest.raises(CommandError, match="没有用户名为 'nobody' 的账户"):
        call_command("accounts", "enrol-link", "nobody", stdout=io.StringIO())
