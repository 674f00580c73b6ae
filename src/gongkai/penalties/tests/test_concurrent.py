"""Two writers registering one 决定书文号 at the same moment (two creates, an import
and a create, two imports): the later one reports the number as a duplicate (the
create's ``penalty.duplicate`` refusal, or a row error of its import) and keeps the
rest of its rows; nothing the first one stored is lost.

The number is unique in the database. A writer that looks for it before inserting
does not see one another writer registers after that look (or has not committed
yet); only the insert meets it, waiting for the other writer and failing. An
import's batch and a create wait for a batch of the same kind being written
(``new_keys_lock``), so they find the number stored, as one after the other would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.common.errors import ConflictError
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import write_xlsx
from gongkai.penalties import importing, services
from gongkai.penalties.derive import RulesOn
from gongkai.penalties.fields import BY_CODE
from gongkai.penalties.importing import penalty_import
from gongkai.penalties.models import ImportRun, Penalty
from gongkai.penalties.tests.concurrency import (
    ONLY_POSTGRESQL,
    FirstWriterHeld,
    TwoWriters,
)
from gongkai.penalties.tests.factories import record

SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 9, 21, 10, tzinfo=SH)
NUMBER = BY_CODE["CF_WSH"].label
TAKEN = "该文号已由其他导入或录入同时登记"


def _sheet(records: list[dict[str, Any]]) -> bytes:
    codes = list(dict.fromkeys(c for r in records for c in r))
    return write_xlsx([BY_CODE[c].label for c in codes],
                      [[r.get(c) for c in codes] for r in records])  # fmt: skip


def _import(records: list[dict[str, Any]], *, by: Any, name: str) -> ImportRun:
    return penalty_import(
        data=_sheet(records), file_name=name, department=by.department, by=by, now=NOW
    )


def _create(raw: dict[str, Any], *, by: Any) -> Penalty:
    return services.penalty_create(record=raw, department=by.department, by=by, now=NOW)


def _duplicate(raw: dict[str, Any]) -> str:
    return f"决定书文号“{raw['CF_WSH']}”已经登记。"


@pytest.mark.django_db
def test_a_number_registered_after_the_create_looked_is_its_duplicate_refusal(
    staff, other_staff, monkeypatch
):
    # The other writer registers the number while the create turns its checked
    # record into model values, the last step before its insert (after any look
    # for the number); on PostgreSQL the test below does it from another
    # connection, before the first writer commits.
    taken = record()
    original = RulesOn.model_values

    def other_writer_first(self: RulesOn, values: Any) -> dict[str, Any]:
        monkeypatch.setattr(RulesOn, "model_values", original)
        _create(taken, by=other_staff)
        return original(self, values)

    monkeypatch.setattr(RulesOn, "model_values", other_writer_first)
    with pytest.raises(ConflictError) as refused:
        _create(taken, by=staff)
    assert (refused.value.code, refused.value.message) == (
        "penalty.duplicate",
        _duplicate(taken),
    )


@pytest.mark.django_db
def test_a_number_registered_after_the_import_looked_is_a_row_error(staff, monkeypatch):
    # The other writer's row is committed; the import looked before it was (its
    # look at the stored numbers sees none of them), so it meets it at the insert.
    taken = record()
    _create(taken, by=staff)
    monkeypatch.setattr(importing, "_stored_numbers", lambda numbers: [])
    rows = [record(), taken, record()]
    run = _import(rows, by=staff, name="later.xlsx")
    assert (run.created, run.failed, run.state) == (2, 1, "done")
    error = run.errors.get()
    assert (error.row, error.problems) == (3, [[NUMBER, TAKEN]])
    assert Penalty.objects.count() == 3
    assert Penalty.objects.get(decision_number=taken["CF_WSH"]).import_run is None
    batch = AuditEvent.objects.get(action="penalty.import_batch")
    assert batch.changes["failed"] == [3]
    assert sorted(batch.changes["created"]) == sorted(
        [rows[0]["CF_WSH"], rows[2]["CF_WSH"]]
    )


@pytest.mark.django_db(transaction=True)
@ONLY_POSTGRESQL
@pytest.mark.parametrize(
    ("first_kind", "second_kind"),
    [
        ("create", "create"),
        ("import", "create"),
        ("create", "import"),
        ("import", "import"),
    ],
)
def test_the_later_of_two_writers_reports_the_duplicate_and_keeps_the_rest(
    staff, other_staff, monkeypatch, first_kind, second_kind
):
    writers = TwoWriters(record, "CF_WSH", _import, _create)
    taken = writers.taken
    # The first writer stops after its insert, before its commit, until the second
    # one has looked for the number (and waits on the first one's row).
    held = FirstWriterHeld()
    monkeypatch.setattr(
        services, "penalty_clock_start", held.wrap(services.penalty_clock_start)
    )
    monkeypatch.setattr(
        importing,
        "penalties_clock_start_bulk",
        held.wrap(importing.penalties_clock_start_bulk),
    )
    kinds = (first_kind, second_kind)
    first, second = writers.run(held, kinds, staff, other_staff)

    assert "error" not in first, first["error"]
    if second_kind == "create":
        error = second.get("error")
        assert isinstance(error, ConflictError), second
        assert (error.code, error.message) == ("penalty.duplicate", _duplicate(taken))
    else:
        # Writers of new numbers of a kind take turns (``new_keys_lock``): the
        # import's batch waited, then found the number stored with its values.
        assert "error" not in second, second["error"]
        run = ImportRun.objects.get(file_name="b.xlsx")
        assert (run.created, run.unchanged, run.failed) == (2, 1, 0)
    # Nothing accepted is lost; the number is the first writer's.
    stored = Penalty.objects.values_list("decision_number", flat=True)
    assert sorted(stored) == writers.kept(kinds)
    assert Penalty.objects.get(decision_number=taken["CF_WSH"]).author == staff
