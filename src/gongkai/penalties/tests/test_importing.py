"""Spreadsheet import: row errors, error file, idempotence, publish, resume, command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import InvalidInputError, PermissionDeniedError
from gongkai.common.importing import batch_digest
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import read_table, write_csv, write_xlsx
from gongkai.penalties.fields import BY_CODE
from gongkai.penalties.importing import import_error_file, penalty_import
from gongkai.penalties.models import ImportRun, Penalty
from gongkai.penalties.tests.factories import person_record, record
from gongkai.publishing.choices import Status

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 9, 21, 10, 0, tzinfo=SH)


def sheet(records, *, by="label", fmt="xlsx"):
    codes = list(dict.fromkeys(c for r in records for c in r))
    headers = [BY_CODE[c].label if by == "label" else c for c in codes]
    rows = [[r.get(c) for c in codes] for r in records]
    return write_xlsx(headers, rows) if fmt == "xlsx" else write_csv(headers, rows)


def run_import(data, user, name="penalties.xlsx", **kw):
    kw.setdefault("now", NOW)
    return penalty_import(
        data=data, file_name=name, department=user.department, by=user, **kw
    )


def test_valid_rows_are_imported_and_bad_rows_reported_by_row_and_column(staff):
    rows = [
        record(),
        record(CF_XDR_SHXYM="91350100M000100Y44"),
        record(),
        record(CF_JDRQ=None),
        person_record(),
    ]
    run = run_import(sheet(rows), staff)
    assert (run.created, run.failed, run.state) == (3, 2, "done")
    errors = list(run.errors.all())
    assert [e.row for e in errors] == [3, 5]
    assert errors[0].problems == [
        ["行政相对人代码_1（统一社会信用代码）", "统一社会信用代码校验位错误"]
    ]
    assert errors[1].problems == [["处罚决定日期", "必填项为空"]]
    imported = Penalty.objects.order_by("id")
    assert all(p.status == Status.IN_REVIEW for p in imported)
    assert all(p.revision == 0 and p.import_run_id for p in imported)
    # each imported record is on both publication clocks, in the inbox
    assert all(
        {c.rule_key for c in clocks_for(p)}
        == {"penalty.publish", "penalty.publish_samr"}
        for p in imported
    )


def test_error_file_keeps_the_rows_to_fix_and_reimport(staff):
    good, bad = record(), record(CF_NR_FK="两万")
    run = run_import(sheet([good, bad]), staff)
    table = read_table(import_error_file(run), "errors.xlsx")
    assert table.headers[-2:] == ["原行号", "错误原因"]
    (row,) = list(table.rows)
    cells = row[1]
    assert cells[-2] == 3
    assert "罚款金额（万元）：金额“两万”不是数字" in cells[-1]
    # fix the cell in the error file and import it again: the extra columns are ignored
    cells[table.headers.index("罚款金额（万元）")] = "2"
    fixed = write_xlsx(table.headers, [cells])
    second = run_import(fixed, staff, name="errors.xlsx")
    assert (second.created, second.failed) == (1, 0)
    assert "原行号" in second.message
    csv_file = import_error_file(run, fmt="csv").decode("utf-8-sig")
    assert "两万" in csv_file


def test_import_is_idempotent_on_decision_number(staff):
    data = sheet([record(), record()])
    first = run_import(data, staff)
    again = run_import(data, staff)
    assert (first.created, again.created, again.unchanged) == (2, 0, 2)
    assert Penalty.objects.count() == 2


def test_changed_row_updates_a_draft_but_not_a_record_in_review(staff):
    raw = record()
    run_import(sheet([raw]), staff)
    raw2 = dict(raw, CF_NR="罚款人民币2万元，没收违法所得0.3万元（更正）。")
    run = run_import(sheet([raw2]), staff)
    assert run.failed == 1
    assert "导入不能修改" in run.errors.get().problems[0][1]
    Penalty.objects.update(status=Status.DRAFT)
    run = run_import(sheet([raw2]), staff)
    assert run.updated == 1
    penalty = Penalty.objects.get()
    assert penalty.content.endswith("（更正）。") and penalty.revision == 1


def test_codes_as_headers_in_csv_and_duplicates_within_the_file(staff):
    raw = record()
    data = sheet([raw, dict(raw)], by="code", fmt="csv")
    run = run_import(data, staff, name="penalties.csv")
    assert (run.created, run.failed) == (1, 1)
    assert "与第 2 行的决定书文号重复" in run.errors.get().problems[0][1]


def test_publish_makes_valid_rows_public_at_once_and_is_audited(staff, reviewer):
    reviewer.department = staff.department
    run = penalty_import(
        data=sheet([record(), record()]),
        file_name="p.xlsx",
        department=staff.department,
        by=reviewer,
        publish=True,
        now=NOW,
    )
    assert run.created == 2
    visible = Penalty.objects.visible(NOW + dt.timedelta(minutes=1))
    assert visible.count() == 2
    event = AuditEvent.objects.get(action="penalty.import_batch")
    assert event.changes["publish"] is True and len(event.changes["created"]) == 2


def test_each_batch_is_one_audit_event_naming_its_rows_and_their_digest(
    staff, reviewer
):
    reviewer.department = staff.department
    data = sheet([record() for _ in range(5)])
    run = penalty_import(
        data=data,
        file_name="p.xlsx",
        department=staff.department,
        by=reviewer,
        publish=True,
        batch_size=2,
        now=NOW,
    )
    events = list(
        AuditEvent.objects.filter(action="penalty.import_batch").order_by("seq")
    )
    assert [e.changes["rows"] for e in events] == [[2, 3], [4, 5], [6, 6]]
    assert all(e.actor_id == reviewer.pk for e in events)
    published = [n for e in events for n in e.changes["created"]]
    assert sorted(published) == sorted(
        Penalty.objects.filter(import_run=run).values_list("decision_number", flat=True)
    )
    # The digest is recomputed from the file as read: the batch is what was imported.
    rows = list(read_table(data, "p.xlsx").rows)
    assert events[1].changes["sha256"] == batch_digest(rows[2:4])


def test_imported_rows_are_in_the_name_index_and_later_inserts_too(staff):
    from gongkai.penalties.selectors import PenaltyQuery, penalty_list_public
    from gongkai.penalties.tests.factories import PenaltyFactory

    run_import(sheet([record(CF_XDR_MC="福州市鑫达电器有限公司")]), staff)
    Penalty.objects.update(
        status=Status.PUBLISHED, publish_at=NOW - dt.timedelta(days=1)
    )
    query = PenaltyQuery(q="鑫达电器")
    assert penalty_list_public(now=NOW, query=query).count() == 1
    # the insert trigger is back for every other writer
    PenaltyFactory(party_name="厦门市鑫达电器贸易有限公司", status=Status.PUBLISHED,
                   publish_at=NOW - dt.timedelta(days=1))  # fmt: skip
    assert penalty_list_public(now=NOW, query=query).count() == 2


def test_only_reviewers_may_publish_on_import(staff, other_staff):
    with pytest.raises(PermissionDeniedError):
        run_import(sheet([record()]), staff, publish=True)
    with pytest.raises(PermissionDeniedError):
        penalty_import(
            data=sheet([record()]),
            file_name="p.xlsx",
            department=staff.department,
            by=other_staff,
            now=NOW,
        )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (write_xlsx(["名称"], [["x"]]), "a.xlsx", "缺少必填列"),
        (b"garbage", "a.xlsx", "无法读取"),
        (b"x", "a.doc", "只支持"),
        (
            write_xlsx(["CF_WSH", "行政处罚决定书文号"], [["a", "b"]]),
            "a.xlsx",
            "同一数据项",
        ),
    ],
)
def test_unusable_files_are_refused_with_a_reason(staff, data, name, message):
    with pytest.raises(InvalidInputError, match=message):
        run_import(data, staff, name=name)
    assert not Penalty.objects.exists()


def test_interrupted_import_resumes_after_the_last_committed_batch(staff):
    data = sheet([record() for _ in range(5)])

    def stop_after_first_batch(run):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_import(data, staff, batch_size=2, progress=stop_after_first_batch)
    run = ImportRun.objects.get()
    assert (run.state, run.next_row, run.created) == ("running", 4, 2)
    assert Penalty.objects.count() == 2
    resumed = run_import(data, staff, batch_size=2)
    assert resumed.pk == run.pk
    assert (resumed.state, resumed.created, resumed.unchanged) == ("done", 5, 0)
    assert Penalty.objects.count() == 5


def test_command_imports_and_writes_the_error_file(staff, tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(sheet([record(), record(CF_CFLB="训诫")]))
    out = io.StringIO()
    errors = tmp_path / "errors.xlsx"
    call_command(
        "penalties",
        "import",
        str(path),
        "--user",
        "author",
        "--errors",
        str(errors),
        stdout=out,
    )
    text = out.getvalue()
    assert "第 3 行 处罚类别：处罚类别“训诫”不在行政处罚法第九条所列种类之中" in text
    assert "新增 1" in text and errors.exists()
    with pytest.raises(CommandError, match="只有公开办审核人员"):
        call_command("penalties", "import", str(path), "--user", "author", "--publish")
    with pytest.raises(CommandError, match="无法读取文件"):
        call_command(
            "penalties", "import", str(tmp_path / "none.xlsx"), "--user", "author"
        )


def test_rows_entering_review_get_the_clocks_penalty_create_starts(staff):
    from gongkai.clocks.models import Clock
    from gongkai.penalties.services import penalty_clock_start

    rows = [
        record(CF_JDRQ="2026-09-18"),
        record(CF_JDRQ="2026-02-13"),
        record(CF_CFLB="警告"),  # warning only: not publicised, its clock stops
    ]
    run_import(sheet(rows), staff, batch_size=2)

    imported = list(Penalty.objects.order_by("id"))
    fields = ["rule_key", "rule_version", "title", "department_id", "started_at"]
    fields += ["start_date", "group_key", "state", "due_at", "due_soon_at"]
    fields += ["provisional", "stopped_at", "stopped_late"]
    for penalty in imported:
        clocks = clocks_for(penalty).order_by("rule_key")
        with transaction.atomic():
            penalty_clock_start(penalty, by=staff, now=NOW)
            expected = list(Clock.objects.order_by("-pk")[:2])
            expected.sort(key=lambda c: c.rule_key)
            histories = [[(e.kind, e.at) for e in c.events.all()] for c in expected]
            transaction.set_rollback(True)
        assert [[getattr(c, f) for f in fields] for c in clocks] == [
            [getattr(c, f) for f in fields] for c in expected
        ]
        assert [[(e.kind, e.at) for e in c.events.all()] for c in clocks] == histories
    states = {}
    for c in Clock.objects.all():
        states.setdefault(c.subject_id, set()).add(c.state)
    assert [states[str(p.pk)] for p in imported] == [
        {"running"},
        {"running"},
        {"stopped"},
    ]
    # one audit event per batch and rule for the clocks, none per clock
    events = AuditEvent.objects.filter(action="clock.start_bulk").order_by("seq")
    assert [e.changes["count"] for e in events] == [2, 2, 1, 1]
    assert not AuditEvent.objects.filter(action__in=["clock.start", "clock.event"])


def test_bulk_params_fast_path_equals_the_column_by_column_one(staff):
    from gongkai.penalties.bulk import Inserter
    from gongkai.penalties.derive import RulesOn

    rules_on = RulesOn()
    inserter = Inserter(
        Penalty,
        conflict="decision_number",
        constants={"department_id": staff.department_id, "author_id": staff.pk},
        now=NOW,
    )
    rows = []
    for i, raw in enumerate([record(), person_record(), record(CF_NR_FK=None)]):
        result = rules_on.validate(raw, now=NOW)
        values = rules_on.model_values(result.values)
        if i == 0:  # as a published import row: datetimes over the template
            values.update(status=Status.PUBLISHED, publish_at=NOW, unpublish_at=NOW)
        if i == 2:  # a None over a default, and a key that is no column
            values.update(confiscated_amount=None, not_a_column="x")
        rows.append(values)
    assert inserter.params(rows) == inserter.params_slow(rows)
    assert len({tuple(p) for p in inserter.params(rows)}) == 3
