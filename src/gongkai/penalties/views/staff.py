"""Workbench pages for penalties: list, record, edit, lifecycle actions, import.

The pages are shared with licensing decisions (``views.records``) and, for the
import, with every module (``publishing.import_pages``); this module says what is
particular to penalties, and staff_urls passes it to them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.publishing.import_pages import ImportPages

from .. import services
from ..exchange import exchange_cell
from ..fields import FIELDS
from ..forms import EarlyEndForm, ImportForm, PenaltyForm, WithdrawForm
from ..importing import penalty_import
from ..models import Penalty
from ..selectors import import_runs_visible_to, penalty_visible_to_staff
from . import records


def _record_of(penalty: Penalty) -> dict[str, str]:
    """A stored penalty as form cells (the inverse of validation)."""
    out = {}
    for spec in FIELDS:
        value = exchange_cell(penalty, spec.attr)
        if spec.attr == "sector":
            value = penalty.get_sector_display()
        out[spec.code] = "" if value is None else str(value)
    return out


def _lifecycle_forms(penalty: Penalty) -> dict[str, Any]:
    # The forms of the actions only penalties have: withdrawal after the decision
    # changed, and the early end of publication after credit repair.
    return {
        "withdraw_form": WithdrawForm(initial={"changed_on": timezone.localdate()}),
        "early_end_form": EarlyEndForm(),
    }


PAGES = records.RecordPages(
    name="penalty",
    form=PenaltyForm,
    list_template="penalties/staff_list.html",
    form_template="penalties/staff_form.html",
    edit_url="penalties-staff:penalty-edit",
    visible_to=penalty_visible_to_staff,
    cells_of=_record_of,
    create=services.penalty_create,
    update=services.penalty_update,
    personal_data_view=services.penalty_personal_data_view,
    created=lambda penalty: _("处罚信息已登记，公示时限开始计算。"),
    updated=lambda penalty: _("修改已保存，形成新版本。"),
    edit_context=_lifecycle_forms,
)
IMPORT_PAGES = ImportPages(
    run_import=penalty_import,
    runs_visible_to=import_runs_visible_to,
    form=ImportForm,
    template="penalties/import.html",
    detail_template="penalties/import_detail.html",
    url_name="penalties-staff:import",
    error_file="penalty-import",
    context={"columns": FIELDS},
)
