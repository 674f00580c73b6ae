"""Account writes: second-factor enrolment by one-time link, verification, and the
notice of a login lockout (all audited).

Enrolment is never first come, first served: an account binds an authenticator
only through a link an administrator issued for it (single use, expiring, stored
hashed), after logging in with its password. Until then it can do nothing but
enrol (``decorators.staff_required``, ``api.permissions``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.audit_actions import AccountsAudit
from gongkai.common.audit import audit_record
from gongkai.common.errors import GongkaiError, PermissionDeniedError
from gongkai.common.limits import use_once

from .models import EnrolmentLink, User
from .permissions import can_configure


class EnrolmentLinkError(GongkaiError):
    code = "accounts.enrolment_link_invalid"
    status = 404
    default_message = _("绑定链接无效、已使用或已过期。请联系系统管理员重新签发。")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _link_hours() -> int:
    return int(getattr(settings, "GONGKAI_ENROL_LINK_HOURS", 72))


def totp_device_for(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device; None while the account is not enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user: Any) -> bool:
    """Whether the account has bound an authenticator."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


@transaction.atomic
def totp_verify(*, user: User, token: str, actor: Any = None) -> TOTPDevice | None:
    """Check a token against the confirmed device; None when wrong or not enrolled."""
    device = totp_device_for(user)
    if device is None or not device.verify_token(token):
        audit_record(actor=actor or user, action=AccountsAudit.OTP_FAILED, obj=user)
        return None
    return device


@transaction.atomic
def enrolment_link_issue(
    *, user: User, by: User | None, now: dt.datetime | None = None
) -> tuple[EnrolmentLink, str]:
    """Issue a one-time enrolment link for ``user``: the link and its token (the
    token exists nowhere else; show it once).

    Earlier unused links of the account stop working, and so does any pending
    secret; the account's current authenticator keeps working until the new one is
    bound (a lost phone: issue a link, the holder binds the new phone).
    ``by`` is None for the command line (the server's operator).
    """
    if by is not None and not can_configure(by):
        raise PermissionDeniedError()
    now = now or timezone.now()
    EnrolmentLink.objects.filter(
        user=user, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    token = secrets.token_urlsafe(32)
    link = EnrolmentLink.objects.create(
        user=user,
        token_hash=_hash(token),
        issued_by=by,
        created_at=now,
        expires_at=now + dt.timedelta(hours=_link_hours()),
    )
    audit_record(
        actor=by,
        action=AccountsAudit.ENROL_LINK_ISSUED,
        obj=user,
        changes={"expires_at": link.expires_at.isoformat()},
        now=now,
    )
    return link, token


def enrolment_link_valid(
    *, token: str, user: Any, now: dt.datetime | None = None
) -> EnrolmentLink | None:
    """The unused, unexpired link of ``user`` with this token, else None."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    now = now or timezone.now()
    return EnrolmentLink.objects.filter(
        token_hash=_hash(token),
        user_id=pk,
        used_at__isnull=True,
        expires_at__gt=now,
    ).first()


def enrolment_device(*, link: EnrolmentLink) -> TOTPDevice:
    """The pending device whose secret this link shows (the same on every visit)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=link.user, confirmed=False, defaults={"name": "default"}
    )
    return device


@transaction.atomic
def enrolment_complete(
    *, user: User, token: str, code: str, now: dt.datetime | None = None
) -> TOTPDevice | None:
    """Bind the pending authenticator with a correct code, spending the link.

    None when the code is wrong (the link stays usable); EnrolmentLinkError when the
    link is unknown, another account's, used or expired.
    """
    now = now or timezone.now()
    link = (
        EnrolmentLink.objects.select_for_update()
        .filter(
            token_hash=_hash(token),
            user_id=user.pk,
            used_at__isnull=True,
            expires_at__gt=now,
        )
        .first()
    )
    if link is None:
        raise EnrolmentLinkError()
    device = enrolment_device(link=link)
    if not device.verify_token(code):
        audit_record(actor=user, action=AccountsAudit.OTP_FAILED, obj=user, now=now)
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    link.used_at = now
    link.save(update_fields=["used_at"])
    audit_record(actor=user, action=AccountsAudit.OTP_ENROLLED, obj=user, now=now)
    return device


def lockout_notify(
    *, username: str, ip_address: str, now: dt.datetime | None = None
) -> bool:
    """Tell the account holder, once per lockout, that logins from an address are
    locked (django-axes); audited. False when there is no such account or it was
    already told."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return False
    cooloff = int(float(getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0.5) * 3600)
    if not use_once(
        bucket="accounts:lockout-notice",
        ident=f"{user.pk}:{ip_address}",
        timeout=cooloff,
    ):
        return False
    now = now or timezone.now()
    with transaction.atomic():
        audit_record(
            actor=None,
            action=AccountsAudit.LOCKED_OUT,
            obj=user,
            changes={"ip_address": ip_address},
            now=now,
        )
    if user.email:
        subject = _("【%(org)s】您的账户登录已被暂时锁定") % {
            "org": settings.GONGKAI_ORG_NAME
        }
        body = _(
            "您好，%(name)s：\n\n"
            "账户 %(username)s 在 %(when)s 连续多次密码错误，来自地址 %(ip)s 的登录"
            "已被暂时锁定 %(minutes)d 分钟。从其他地址登录不受影响。\n\n"
            "如果不是您本人操作，可能有人在尝试您的密码：请尽快修改密码，"
            "并告知系统管理员。"
        ) % {
            "name": user,
            "username": user.username,
            "when": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
            "ip": ip_address,
            "minutes": cooloff // 60,
        }
        transaction.on_commit(
            lambda: send_mail(subject, body, None, [user.email], fail_silently=True)
        )
    return True
