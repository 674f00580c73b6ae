"""Writes of the power list and the intermediary services: a key another writer
stored after the create looked for it is the create's duplicate refusal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.common.errors import ConflictError
from gongkai.govservices import services
from gongkai.govservices.models import IntermediaryService, PowerItem

from .factories import intermediary, power

pytestmark = pytest.mark.django_db


def _power(staff: Any) -> Any:
    return services.power_item_create(
        code="P1", values={"name": "计量标准器具核准", "power_type": "licensing",
                           "legal_basis": "计量法", "responsibilities": "受理"},
        department=staff.department, kind="retain", effective_on=dt.date(2025, 3, 1),
        doc_number="闽质监法〔2025〕12号", by=staff,
    )  # fmt: skip


def _intermediary(staff: Any) -> Any:
    values = {"name": "特种设备监督检验", "approval": "特种设备生产单位许可",
              "providers": "检验机构", "charging": "government_price", "basis": "特种设备安全法"}  # fmt: skip
    return services.intermediary_create(
        values=values, department=staff.department, by=staff
    )


@pytest.mark.parametrize(
    ("model", "stored", "create", "code"),
    [
        (PowerItem, lambda staff: power(code="P1", department=staff.department),
         _power, "services.power_duplicate"),
        (IntermediaryService,
         lambda staff: intermediary(department=staff.department, author=staff),
         _intermediary, "services.intermediary_duplicate"),
    ],
)  # fmt: skip
def test_a_key_stored_after_the_create_looked_is_its_duplicate_refusal(
    staff, monkeypatch, model, stored, create, code
):
    # Another writer committed the key after this create looked (or had not
    # committed it when it looked): the unique index refuses the insert, and the
    # create says so as for a key it saw, instead of failing with a 500.
    stored(staff)
    real_filter = model.objects.filter
    looks: list[bool] = []

    def stale(*args: Any, **kwargs: Any) -> Any:
        found = real_filter(*args, **kwargs)
        if not looks:
            looks.append(True)
            found = real_filter(pk=None)  # the first look misses it
        return found

    monkeypatch.setattr(model.objects, "filter", stale)
    with pytest.raises(ConflictError) as refused:
        create(staff)
    assert refused.value.code == code
    assert model.objects.count() == 1


def test_a_new_code_is_listed_and_a_seen_one_refused(staff):
    item = _power(staff)
    assert item.pk and item.adjustments.count() == 1
    with pytest.raises(ConflictError) as refused:
        _power(staff)
    assert refused.value.code == "services.power_duplicate"
