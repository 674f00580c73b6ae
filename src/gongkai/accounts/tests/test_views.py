"""Staff login (with django-axes lockout), TOTP enrolment and verification, logout."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _token(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{(value + offset) % 10**device.digits:0{device.digits}d}"


def test_login_page_renders_in_chinese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "工作人员登录" in body
    assert 'autocomplete="current-password"' in body


def test_wrong_password_shows_chinese_error(client, staff):
    response = client.post(LOGIN, {"username": "author", "password": "wrong-password"})
    assert response.status_code == 200
    assert "用户名或密码不正确。注意区分大小写。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_password_then_second_factor(client, staff):
    response = client.post(LOGIN, {"username": "author", "password": "pw-author"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench:home")
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))


def test_login_keeps_a_safe_next_only(client, staff):
    response = client.post(
        LOGIN,
        {"username": "author", "password": "pw-author", "next": "/workbench/pages/"},
    )
    assert response["Location"] == "/workbench/pages/"
    client.logout()
    response = client.post(
        LOGIN,
        {
            "username": "author",
            "password": "pw-author",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("workbench:home")


def test_five_failures_lock_the_account(client, staff):
    for _ in range(4):
        response = client.post(LOGIN, {"username": "author", "password": "nope"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "author", "password": "nope"})
    assert response.status_code in (403, 429)
    assert "账户已暂时锁定" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(LOGIN, {"username": "author", "password": "pw-author"})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, staff, other_staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "author", "password": "nope"})
    response = client.post(LOGIN, {"username": "outsider", "password": "pw-outsider"})
    assert response.status_code == 302


def test_otp_page_needs_login(client):
    response = client.get(reverse("accounts:otp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unenrolled_account_is_shown_no_secret_and_can_do_nothing(client, staff):
    client.force_login(staff)
    response = client.get(reverse("accounts:otp"), {"next": "/workbench/"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "尚未绑定身份验证器" in body and "一次性绑定链接" in body
    assert "<svg" not in body and "secret" not in body
    assert not TOTPDevice.objects.filter(user=staff).exists()
    # the workbench, its pages and the API all send it back or refuse
    for url in ("/workbench/", "/workbench/pages/", "/admin/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("accounts:otp")), url
        assert response.status_code == 403, url
    assert client.get("/api/v1/clocks/inbox/").status_code == 403


def test_wrong_token_shows_chinese_error(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    response = client.post(reverse("accounts:otp"), {"token": _token(device, 1)})
    assert response.status_code == 200
    assert "验证码不正确或已过期，请重新输入。" in response.content.decode()
    assert AuditEvent.objects.filter(action="accounts.otp_failed").count() == 1
    assert client.get(reverse("workbench:home")).status_code == 302


def test_non_digit_token_shows_chinese_error(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    response = client.post(reverse("accounts:otp"), {"token": "abcdef"})
    assert response.status_code == 200
    assert "验证码只能包含数字。" in response.content.decode()


def test_confirmed_device_is_asked_for_code_only(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)
    response = client.get(reverse("accounts:otp"))
    assert response.context["enrolling"] is False
    assert "<svg" not in response.content.decode()
    response = client.post(
        reverse("accounts:otp"),
        {"token": _token(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/workbench/"


def test_logout_needs_post_and_ends_the_session(login, staff):
    client = login(staff)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("workbench:home")).status_code == 302


# ------------------------------------------------------------------ Django admin


@pytest.fixture
def superuser(admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    return admin_user


def test_admin_login_goes_through_staff_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert "工作人员登录" in response.content.decode()


def test_admin_needs_the_second_factor(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/otp/?next=%2Fadmin%2F"


def test_admin_opens_after_the_second_factor(login, superuser):
    response = login(superuser).get("/admin/")
    assert response.status_code == 200
    assert "gongkai 政务公开平台管理" in response.content.decode()


def test_admin_refuses_verified_non_administrator(login, staff):
    response = login(staff).get("/admin/", follow=True)
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_admin_password_form_is_not_served(client, superuser):
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "pw-admin"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
