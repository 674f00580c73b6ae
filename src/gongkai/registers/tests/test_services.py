"""Defining registers and writing entries through the services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status
from gongkai.registers.builtin import BUILTIN
from gongkai.registers.models import Register
from gongkai.registers.services import (
    FieldInput,
    entry_attach,
    entry_create,
    entry_update,
    register_define,
)
from gongkai.registers.tests.factories import spot_row, tea_register

pytestmark = pytest.mark.django_db

ROW = {
    "product": "武夷岩茶",
    "producer_uscc": "91110000600037341l",
    "sampled_on": "2026/9/1",
    "fee": "300",
    "result": "合格",
    "report_no": "CHA-001",
}


def test_builtin_registers_exist_defined_as_data():
    slugs = set(Register.objects.filter(is_builtin=True).values_list("slug", flat=True))
    assert slugs == {d["slug"] for d in BUILTIN}
    spot = Register.objects.get(slug="spot-checks")
    assert [f.key for f in spot.fields.all()][:3] == [
        "product",
        "producer",
        "producer_uscc",
    ]
    assert spot.fields.get(key="result").options == ["合格", "不合格"]
    assert spot.fields.get(key="report_no").is_key


def test_only_administrators_define_registers(staff, reviewer, admin_user):
    for user in (staff, reviewer):
        with pytest.raises(PermissionDeniedError):
            tea_register(user)
    register = tea_register(admin_user)
    assert register.fields.count() == 10
    assert AuditEvent.objects.filter(action="register.define").count() == 1


def test_invalid_definition_is_refused_with_every_problem(admin_user):
    with pytest.raises(InvalidInputError) as exc:
        register_define(
            slug="bad",
            title="坏名录",
            by=admin_user,
            fields=[FieldInput("A", "", "enum"), FieldInput("A", "x", "text")],
        )
    assert len(exc.value.detail) >= 3
    assert not Register.objects.filter(slug="bad").exists()


def test_entry_is_checked_by_field_types_and_stored_canonical(admin_user, staff):
    register = tea_register(admin_user)
    entry = entry_create(
        register=register, record=ROW, department=staff.department, by=staff
    )
    assert entry.data["producer_uscc"] == "91110000600037341L"
    assert entry.data["sampled_on"] == "2026-09-01"
    assert (entry.title, entry.key, entry.status) == (
        "武夷岩茶",
        "CHA-001",
        Status.DRAFT,
    )
    assert "武夷岩茶" in entry.search_text
    with pytest.raises(ConflictError):
        entry_create(
            register=register, record=ROW, department=staff.department, by=staff
        )
    with pytest.raises(InvalidInputError) as exc:
        entry_create(
            register=register,
            record=dict(ROW, report_no="CHA-002", result="优秀", fee="3.001"),
            department=staff.department,
            by=staff,
        )
    assert {d["field"] for d in exc.value.detail} == {"result", "fee"}


def test_update_attach_and_publish(admin_user, staff, reviewer):
    register = tea_register(admin_user)
    entry = entry_create(
        register=register, record=ROW, department=staff.department, by=staff
    )
    entry = entry_update(entry=entry, record=dict(ROW, notes="复检合格"), by=staff)
    assert entry.revision == 2 and entry.data["notes"] == "复检合格"
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 test")
    attached = entry_attach(entry=entry, field_key="report", upload=upload, by=staff)
    assert attached.name == "report.pdf" and attached.size == 13
    with pytest.raises(InvalidInputError):
        entry_attach(entry=entry, field_key="notes", upload=upload, by=staff)
    pub.publishing_submit(obj=entry, by=staff)
    pub.publishing_approve(obj=entry, by=reviewer)
    pub.publishing_publish(obj=entry, by=reviewer)
    entry.refresh_from_db()
    assert entry.is_visible()


def test_a_key_stored_after_the_create_looked_is_its_duplicate_refusal(
    admin_user, staff, other_staff, monkeypatch
):
    # Another writer's entry of the key is committed after this create looked (or
    # was not committed when it looked): the unique index refuses the insert, and
    # the create says so as for a key it saw, instead of failing with a 500.
    from gongkai.registers.models import Entry

    register = tea_register(admin_user)
    entry_create(register=register, record=ROW, department=staff.department, by=staff)
    looked = Entry.objects.filter(key="none").exists
    real_filter = Entry.objects.filter
    calls = []

    def stale(*args, **kwargs):
        qs = real_filter(*args, **kwargs)
        if kwargs.get("key") == "CHA-001" and not calls:
            calls.append(1)
            qs.exists = looked  # the first look misses it
        return qs

    monkeypatch.setattr(Entry.objects, "filter", stale)
    with pytest.raises(ConflictError) as refused:
        entry_create(
            register=register, record=ROW, department=other_staff.department,
            by=other_staff,
        )  # fmt: skip
    assert refused.value.code == "entry.duplicate"
    assert real_filter(key="CHA-001").count() == 1


def test_approval_is_blocked_by_personal_data_in_public_fields(
    admin_user, staff, reviewer
):
    register = Register.objects.get(slug="spot-checks")
    entry = entry_create(
        register=register, record=spot_row(1), department=staff.department, by=staff
    )
    entry.data["failing_items"] = "联系人身份证11010519491231002X"
    entry.save()
    pub.publishing_submit(obj=entry, by=staff)
    with pytest.raises(ConflictError) as exc:
        pub.publishing_approve(obj=entry, by=reviewer)
    assert exc.value.code == "publishing.blocked"


def test_other_department_cannot_edit(admin_user, staff, other_staff):
    register = tea_register(admin_user)
    entry = entry_create(
        register=register, record=ROW, department=staff.department, by=staff
    )
    with pytest.raises(PermissionDeniedError):
        entry_update(entry=entry, record=ROW, by=other_staff)


def test_missing_builtin_registers_are_recreated_and_existing_ones_kept():
    from gongkai.registers.services import builtin_registers_ensure

    Register.objects.filter(slug="recalls").delete()
    Register.objects.filter(slug="fees").update(title="收费项目（本局）")
    made = builtin_registers_ensure()
    assert [r.slug for r in made] == ["recalls"]
    assert Register.objects.get(slug="fees").title == "收费项目（本局）"
    assert builtin_registers_ensure() == []
