"""Migration 0002 moves the generic "intermediary-services" register into
IntermediaryService and retires the register; the built-in definition is gone."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from gongkai.govservices.models import IntermediaryService
from gongkai.publishing.models import Revision
from gongkai.publishing.services import (
    publishing_approve,
    publishing_publish,
    publishing_submit,
)
from gongkai.registers.builtin import BUILTIN
from gongkai.registers.models import Entry, Register
from gongkai.registers.services import FieldInput, entry_create, register_define
from gongkai.search.models import SearchEntry

pytestmark = pytest.mark.django_db
CHARGING = ("政府定价", "政府指导价", "市场调节价", "不收费")
MIGRATION = "gongkai.govservices.migrations.0002_intermediary_from_register"


def _old_register(admin):
    """The register as registers.builtin defined it before the move."""
    return register_define(
        slug="intermediary-services",
        title="行政审批中介服务事项清单",
        by=admin,
        fields=[
            FieldInput(
                "item",
                "中介服务事项",
                "text",
                required=True,
                is_title=True,
                is_key=True,
            ),
            FieldInput("approval", "涉及的审批事项", "text", required=True),
            FieldInput("providers", "服务机构", "longtext"),
            FieldInput(
                "charging",
                "收费性质",
                "enum",
                options=("政府定价", "政府指导价", "市场调节价", "不收费"),
            ),
            FieldInput("basis", "设定依据", "longtext"),
        ],
    )


def test_the_builtin_definition_is_retired():
    assert "intermediary-services" not in {d["slug"] for d in BUILTIN}
    loader = MigrationLoader(connection)
    assert ("govservices", "0002_intermediary_from_register") in loader.graph.nodes


def test_entries_move_with_their_state_revisions_and_the_register_goes(
    staff, reviewer, admin_user, django_capture_on_commit_callbacks
):
    register = _old_register(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        published = entry_create(
            register=register,
            record={"item": "特种设备监督检验", "approval": "特种设备生产单位许可",
                    "providers": "检验机构", "charging": "政府定价", "basis": "特种设备安全法"},
            department=staff.department, by=staff,
        )  # fmt: skip
        publishing_submit(obj=published, by=staff)
        publishing_approve(obj=published, by=reviewer)
        publishing_publish(
            obj=published, by=reviewer, now=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        )
        draft = entry_create(
            register=register, record={"item": "产品检验", "approval": "工业产品生产许可"},
            department=staff.department, by=staff,
        )  # fmt: skip
    assert SearchEntry.objects.filter(
        kind="registers.entry", object_id=str(published.pk)
    ).exists()

    import_module(MIGRATION).forward(apps, None)

    moved = {i.name: i for i in IntermediaryService.objects.all()}
    assert set(moved) == {"特种设备监督检验", "产品检验"}
    done = moved["特种设备监督检验"]
    assert (done.status, done.charging, done.approval) == (
        "published",
        "government_price",
        "特种设备生产单位许可",
    )
    assert done.publish_at == dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    assert (done.department_id, done.author_id, done.reviewer_id) == (
        staff.department_id,
        staff.pk,
        reviewer.pk,
    )
    assert moved["产品检验"].status == "draft" and moved["产品检验"].charging == ""
    new_type = ContentType.objects.get_for_model(IntermediaryService)
    assert Revision.objects.filter(
        content_type=new_type, object_id=str(done.pk)
    ).exists()
    assert not Register.objects.filter(slug="intermediary-services").exists()
    assert not Entry.objects.filter(pk__in=[published.pk, draft.pk]).exists()
    assert not SearchEntry.objects.filter(
        kind="registers.entry", object_id=str(published.pk)
    ).exists()
    # Run again (no register any more): nothing changes.
    import_module(MIGRATION).forward(apps, None)
    assert IntermediaryService.objects.count() == 2


def test_without_the_register_the_migration_does_nothing():
    import_module(MIGRATION).forward(apps, None)
    assert not IntermediaryService.objects.exists()
