"""The task secret is sealed at rest (DRAW.md §6.1, §12.1): the database never holds
it in the clear; keys rotate; a sealed secret opens only on its own draw."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.draw.primitives import HashProfile, enc
from gongkai.inspections import services
from gongkai.inspections.models import Draw
from gongkai.inspections.sealing import SealError, draw_binding, seal, unseal

from .support import T0, make_task, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen(staff, reviewer, department):
    registry()
    task = make_task(by=staff, department=department, mode="confidential")
    d = services.draw_freeze(task=task, by=staff, now=T0)
    return services.draw_commit(draw=d, by=reviewer, now=T0)


def test_the_database_holds_only_the_sealed_secret(frozen):
    secret = Draw.objects.get(pk=frozen.pk).secret_hex
    assert len(secret) == 64 and int(secret, 16) >= 0
    row = Draw.objects.filter(pk=frozen.pk).values()[0]
    assert "secret_hex" not in row
    assert secret not in repr(row)  # no column holds it in the clear
    assert not Draw.objects.filter(secret_sealed__contains=secret).exists()
    # The committed hash is of the real secret (§6.1).
    sha = HashProfile.for_alg("sha256")
    want = sha.h(enc("DSR-SECRET-COMMIT", frozen.task.code, bytes.fromhex(secret)))
    assert frozen.commit["secret_commitment"] == want.hex()


def test_keys_rotate_and_a_removed_key_no_longer_opens(frozen, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.GONGKAI_DRAW_SECRET_KEYS = [old]
    binding = draw_binding(frozen.task_id, frozen.number)
    sealed = seal("ab" * 32, binding)
    settings.GONGKAI_DRAW_SECRET_KEYS = [new, old]  # new seals, both open
    assert unseal(sealed, binding) == "ab" * 32
    assert unseal(seal("cd" * 32, binding), binding) == "cd" * 32
    settings.GONGKAI_DRAW_SECRET_KEYS = [new]
    with pytest.raises(SealError, match="无法解密"):
        unseal(sealed, binding)


def test_a_secret_copied_onto_another_draw_does_not_open(frozen):
    other = Draw.objects.get(pk=frozen.pk)
    other.number += 1
    other.secret_sealed = frozen.secret_sealed
    with pytest.raises(SealError, match="不属于"):
        other.secret_hex  # noqa: B018


def test_a_malformed_key_is_a_configuration_error(settings):
    settings.GONGKAI_DRAW_SECRET_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured):
        seal("ab" * 32, "x")


def test_public_mode_has_no_secret(staff, department):
    registry()
    task = make_task(by=staff, department=department, mode="public")
    d = services.draw_freeze(task=task, by=staff, now=T0)
    assert d.secret_sealed == "" and d.secret_hex == ""
