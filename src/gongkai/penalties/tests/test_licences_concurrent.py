"""Two writers registering one 行政许可决定文书号 at the same moment (an import and
an import, or an import and a manual create): the later one reports the number as a
duplicate (a row error of its import, or the create's refusal) and keeps the rest
of its rows; nothing the first one stored is lost.

The number is unique in the database. An import looks for the stored numbers of a
batch before inserting; one registered by another writer after that look (or not
yet committed then) is met only at the insert, which waits for the other writer
and fails. An import's batch and a create wait for a batch of the same kind being
written (``new_keys_lock``): two imports of the same new numbers in opposite
orders, or a create of a number the batch is writing, would otherwise deadlock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.common.errors import ConflictError
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import write_xlsx
from gongkai.penalties.licences import services
from gongkai.penalties.licences.fields import BY_CODE
from gongkai.penalties.licences.importing import licence_import
from gongkai.penalties.models import LicenceDecision, LicenceImportRun
from gongkai.penalties.tests.concurrency import (
    ONLY_POSTGRESQL,
    FirstWriterHeld,
    TwoWriters,
)
from gongkai.penalties.tests.licence_factories import licence_record

SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 10, 20, 10, tzinfo=SH)
TAKEN = "该文书号已由其他导入或录入同时登记"


def _sheet(records: list[dict[str, Any]]) -> bytes:
    codes = list(dict.fromkeys(c for r in records for c in r))
    return write_xlsx([BY_CODE[c].label for c in codes],
                      [[r.get(c) for c in codes] for r in records])  # fmt: skip


def _import(records: list[dict[str, Any]], *, by: Any, name: str) -> Any:
    return licence_import(
        data=_sheet(records), file_name=name, department=by.department, by=by, now=NOW
    )


def _create(record: dict[str, Any], *, by: Any) -> Any:
    return services.licence_create(
        record=record, department=by.department, by=by, now=NOW
    )


@pytest.mark.django_db
def test_a_number_registered_after_the_import_looked_is_a_row_error(staff, monkeypatch):
    # The other writer's row is committed; the import looked before it was (its
    # look at the stored numbers sees none of them), so it meets it at the insert.
    taken = licence_record()
    _create(taken, by=staff)
    monkeypatch.setattr(LicenceDecision.objects, "in_bulk", lambda *a, **k: {})
    rows = [licence_record(), taken, licence_record()]
    run = _import(rows, by=staff, name="later.xlsx")
    assert (run.created, run.failed, run.state) == (2, 1, "done")
    error = run.errors.get()
    assert (error.row, error.problems) == (3, [["行政许可决定文书号", TAKEN]])
    assert LicenceDecision.objects.count() == 3
    assert (
        LicenceDecision.objects.get(decision_number=taken["XK_WSH"]).import_run is None
    )
    batch = AuditEvent.objects.get(action="licence.import_batch")
    assert batch.changes["failed"] == [3]
    assert sorted(batch.changes["created"]) == sorted(
        [rows[0]["XK_WSH"], rows[2]["XK_WSH"]]
    )


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
@pytest.mark.parametrize(
    ("first_kind", "second_kind"),
    [("import", "import"), ("create", "import"), ("import", "create")],
)
def test_the_later_of_two_writers_reports_the_duplicate_and_keeps_the_rest(
    staff, other_staff, monkeypatch, first_kind, second_kind
):
    writers = TwoWriters(licence_record, "XK_WSH", _import, _create)
    taken = writers.taken
    # The first writer stops after its insert, before its commit, until the second
    # one has looked for the number (and waits on the first one's row).
    held = FirstWriterHeld()
    for name in ("licence_clock_start", "licences_clock_start_bulk"):
        monkeypatch.setattr(services, name, held.wrap(getattr(services, name)))
    kinds = (first_kind, second_kind)
    first, second = writers.run(held, kinds, staff, other_staff)

    assert "error" not in first, first["error"]
    if second_kind == "create":
        error = second.get("error")
        assert isinstance(error, ConflictError), second
        assert error.code == "licence.duplicate"
        assert error.message == f"行政许可决定文书号“{taken['XK_WSH']}”已经登记。"
    else:
        # Writers of new numbers of a kind take turns (``new_keys_lock``): the
        # import's batch waited, then found the number stored with its values.
        assert "error" not in second, second["error"]
        run = LicenceImportRun.objects.get(file_name="b.xlsx")
        assert (run.created, run.unchanged, run.failed) == (2, 1, 0)
    # Nothing accepted is lost; the number is the first writer's.
    stored = LicenceDecision.objects.values_list("decision_number", flat=True)
    assert sorted(stored) == writers.kept(kinds)
    assert LicenceDecision.objects.get(decision_number=taken["XK_WSH"]).author == staff


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
@pytest.mark.parametrize("second_kind", ["import", "create"])
def test_a_writer_of_a_number_a_batch_is_writing_waits_for_the_batch(
    staff, other_staff, monkeypatch, second_kind
):
    # The first import stops after inserting its first row (which also updated
    # the row of site versions). Had the second writer inserted the batch's
    # second number meanwhile, each would wait for the other: an import of the
    # same numbers in the opposite order for its row, a create for that row of
    # site versions. PostgreSQL ends such a deadlock by failing one of them
    # whole; the second writer waits for the batch instead, then finds it stored.
    from gongkai.penalties.licences.importing import LicenceImporter

    x, y = licence_record(), licence_record()
    held = FirstWriterHeld()
    monkeypatch.setattr(LicenceImporter, "_create", held.wrap(LicenceImporter._create))
    second_writer = {
        "import": lambda: _import([y, x], by=other_staff, name="b.xlsx"),
        "create": lambda: _create(y, by=other_staff),
    }[second_kind]
    first, second = held.run(
        lambda: _import([x, y], by=staff, name="a.xlsx"), second_writer
    )
    assert "error" not in first, first["error"]
    run = LicenceImportRun.objects.get(file_name="a.xlsx")
    assert (run.state, run.created, run.failed) == ("done", 2, 0)
    if second_kind == "import":
        assert "error" not in second, second["error"]
        later = LicenceImportRun.objects.get(file_name="b.xlsx")
        assert (later.state, later.created, later.unchanged, later.failed) == (
            "done", 0, 2, 0
        )  # fmt: skip
    else:
        error = second.get("error")
        assert isinstance(error, ConflictError), second
        assert error.code == "licence.duplicate"
    authors = LicenceDecision.objects.values_list("author", flat=True)
    assert sorted(authors) == [staff.pk, staff.pk]
