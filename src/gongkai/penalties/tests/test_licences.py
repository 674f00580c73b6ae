"""行政许可 双公示: validation, the 7-working-day site clock (a table of fixed dates,
across the National Day holiday), the lifecycle, import with row errors, the exchange
format and the timeliness figures."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.clocks.models import CachedState
from gongkai.clocks.selectors import clocks_for
from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.figures import TIMELINESS, providers
from gongkai.common.models import AuditEvent
from gongkai.core.tabular import read_table, write_xlsx
from gongkai.penalties.licences import rules, services
from gongkai.penalties.licences.exchange import EXCHANGE_COLUMNS, exchange_rows
from gongkai.penalties.licences.fields import BY_CODE
from gongkai.penalties.licences.importing import import_error_file, licence_import
from gongkai.penalties.licences.selectors import licence_timeliness
from gongkai.penalties.licences.validation import validate_licence
from gongkai.penalties.models import LicenceDecision, LicenceImportRun
from gongkai.penalties.tests.licence_factories import (
    licence_person_record,
    licence_publish,
    licence_record,
)
from gongkai.publishing import services as pub
from gongkai.publishing.choices import Status

SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 10, 20, 10, tzinfo=SH)
TODAY = NOW.date()


# Validation is pure: no database.
@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"XK_WSH": ""}, "XK_WSH", "必须填写"),
        ({"XK_XKLB": "审批"}, "XK_XKLB", "普通、特许、认可、核准、登记、其他"),
        ({"XK_XDR_SHXYM": "91350100M000100Y44"}, "XK_XDR_SHXYM", "校验位"),
        ({"XK_XDR_SHXYM": "92350100MA0000000H"}, "XK_XDR_SHXYM", "个体工商户"),
        ({"XK_FRDB": None}, "XK_FRDB", "法定代表人"),
        ({"XK_JDRQ": "2026-10-21"}, "XK_JDRQ", "不能晚于今天"),
        ({"XK_YXQJZ": "2026-09-17"}, "XK_YXQJZ", "不能早于有效期自"),
        ({"XK_YXQZ": "去年"}, "XK_YXQZ", ""),
        ({"XK_NR": "联系电话13912345678"}, "XK_NR", "手机号码"),
        ({"XK_XKWS": "决" * 65}, "XK_XKWS", "长度超过64"),
        ({"XK_XKJGDM": ""}, "XK_XKJGDM", "必须填写"),
    ],
)
def test_a_bad_cell_is_reported_by_its_code(overrides, code, message):
    result = validate_licence(licence_record(**overrides), today=TODAY)
    found = [m for c, m in result.errors if c == code]
    assert found and message in found[0], result.errors


def test_values_are_canonical_and_real_world_forms_accepted():
    result = validate_licence(
        licence_record(
            XK_XKLB="一般许可",
            XK_YXQJZ="长期",
            XK_JDRQ="2026/9/18",
            XK_WSH="(闽)质监许字[2016]第12号",  # an old 文号 form is kept as written
        ),
        today=TODAY,
    )
    assert result.ok, result.errors
    v = result.values
    assert v["licence_category"] == "general"
    assert v["valid_until"] == rules.LONG_TERM
    assert v["decided_on"] == dt.date(2026, 9, 18)
    assert v["decision_number"] == "(闽)质监许字[2016]第12号"


def test_natural_person_needs_an_id_and_no_uscc():
    result = validate_licence(
        licence_person_record(XK_XDR_ZJHM="110105194912310021"), today=TODAY
    )
    assert "XK_XDR_ZJHM" in dict(result.errors), result.errors
    ok = validate_licence(licence_person_record(), today=TODAY)
    assert ok.ok and ok.values["party_id_type"] == "id_card"


@pytest.mark.parametrize(
    ("valid_until", "withdrawn", "today", "state"),
    [
        (dt.date(2031, 9, 17), False, dt.date(2026, 10, 20), "1"),
        (dt.date(2026, 10, 20), False, dt.date(2026, 10, 20), "1"),  # last day valid
        (dt.date(2026, 10, 19), False, dt.date(2026, 10, 20), "2"),
        (dt.date(2031, 9, 17), True, dt.date(2026, 10, 20), "2"),
    ],
)
def test_current_state_for_the_exchange(valid_until, withdrawn, today, state):
    assert (
        rules.current_state(valid_until=valid_until, withdrawn=withdrawn, today=today)
        == state
    )


# The site clock: 7 working days after the decision (国办发〔2018〕118号), on the
# 2025/2026 State Council calendars (RULES §11): 国庆 2026 is 10-1..10-7 with 9-20
# and 10-10 worked; 中秋 2026 is 9-25; 国庆+中秋 2025 is 10-1..10-8 with 9-28 and
# 10-11 worked.
CLOCK_TABLE = [
    # decided, due (last day)
    (dt.date(2026, 9, 18), dt.date(2026, 9, 29)),  # 9-20 (Sun) worked, 9-25 off
    (dt.date(2026, 9, 28), dt.date(2026, 10, 13)),  # across 国庆; 10-10 (Sat) worked
    (dt.date(2026, 9, 30), dt.date(2026, 10, 15)),  # the day before National Day
    (dt.date(2026, 10, 9), dt.date(2026, 10, 19)),  # 10-10 (Sat) worked
    (dt.date(2025, 9, 26), dt.date(2025, 10, 13)),  # 9-28 and 10-11 worked
    (dt.date(2026, 8, 3), dt.date(2026, 8, 12)),  # ordinary weeks
]


@pytest.mark.django_db
@pytest.mark.parametrize(("decided", "due"), CLOCK_TABLE)
def test_site_clock_due_day(decided, due, staff):
    assert services.licence_due_on(decided) == due
    lic = services.licence_create(
        record=licence_record(XK_JDRQ=decided.isoformat(), XK_YXQZ=decided.isoformat()),
        department=staff.department,
        by=staff,
        now=NOW,
    )
    assert lic.publish_due_on == due
    clock = clocks_for(lic).get()
    assert clock.rule_key == "licence.publish"
    # due_at is the end of the last day (24:00)
    assert clock.due_at.astimezone(SH) == dt.datetime.combine(
        due + dt.timedelta(days=1), dt.time.min, tzinfo=SH
    )


@pytest.mark.django_db
def test_publication_before_national_day_is_on_time_and_after_is_late(staff, reviewer):
    # Decided 2026-09-28: due 2026-10-13 (the holiday does not count).
    on_time = licence_publish(
        staff=staff,
        reviewer=reviewer,
        raw=licence_record(XK_JDRQ="2026-09-28", XK_YXQZ="2026-09-28"),
        now=dt.datetime(2026, 10, 13, 16, tzinfo=SH),
    )
    clock = clocks_for(on_time).get()
    assert clock.state == CachedState.STOPPED and not clock.stopped_late
    late = licence_publish(
        staff=staff,
        reviewer=reviewer,
        raw=licence_record(XK_JDRQ="2026-09-28", XK_YXQZ="2026-09-28"),
        now=dt.datetime(2026, 10, 14, 9, tzinfo=SH),
    )
    clock = clocks_for(late).get()
    assert clock.state == CachedState.STOPPED and clock.stopped_late
    assert late.status == Status.PUBLISHED and late.unpublish_at is None
    # The oversight contract: one met, one overdue (a day, less 7 hours).
    tallies = licence_timeliness(
        start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), now=NOW
    )
    assert [(t.kind, t.met, t.overdue) for t in tallies] == [("licence.publish", 1, 1)]
    assert tallies[0].department_id == staff.department_id
    assert tallies[0].delay_days_total == pytest.approx(9 / 24, abs=0.01)
    assert licence_timeliness(start=dt.date(2026, 9, 1), end=dt.date(2026, 9, 30)) == []
    everything = [
        t
        for fn in providers(TIMELINESS)
        for t in fn(start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))
    ]
    assert ("licence.publish", 1, 1) in [(t.kind, t.met, t.overdue) for t in everything]


@pytest.mark.django_db
def test_running_clock_past_due_counts_overdue_not_yet_due_does_not(staff):
    services.licence_create(
        record=licence_record(XK_JDRQ="2026-10-12", XK_YXQZ="2026-10-12"),
        department=staff.department,
        by=staff,
        now=NOW,
    )
    october = {"start": dt.date(2026, 10, 1), "end": dt.date(2026, 10, 31)}
    assert licence_timeliness(**october, now=NOW) == []  # due 10-21: not yet
    later = licence_timeliness(**october, now=dt.datetime(2026, 10, 23, tzinfo=SH))
    assert [(t.met, t.overdue) for t in later] == [(0, 1)]


@pytest.mark.django_db
def test_lifecycle_permissions_and_audit(staff, other_staff, reviewer):
    with pytest.raises(PermissionDeniedError):
        services.licence_create(
            record=licence_record(), department=staff.department, by=other_staff
        )
    lic = services.licence_create(
        record=licence_record(), department=staff.department, by=staff, now=NOW
    )
    with pytest.raises(ConflictError):
        services.licence_create(
            record=licence_record(XK_WSH=lic.decision_number),
            department=staff.department,
            by=staff,
            now=NOW,
        )
    with pytest.raises(InvalidInputError) as exc:
        services.licence_update(licence=lic, record=licence_record(), by=staff, now=NOW)
    assert exc.value.code == "licence.number_fixed"
    lic = services.licence_update(
        licence=lic,
        record=licence_record(XK_WSH=lic.decision_number, XK_NR="准予（改）"),
        by=staff,
        now=NOW,
    )
    assert lic.content == "准予（改）" and lic.revision == 2
    pub.publishing_submit(obj=lic, by=staff, now=NOW)
    with pytest.raises(ConflictError):
        services.licence_update(
            licence=lic, record=licence_record(XK_WSH=lic.decision_number), by=staff
        )
    pub.publishing_approve(obj=lic, by=reviewer, now=NOW)
    with pytest.raises(PermissionDeniedError):
        services.licence_publish(licence=lic, by=staff, now=NOW)
    lic = services.licence_publish(licence=lic, by=reviewer, now=NOW)
    assert lic.is_visible(NOW + dt.timedelta(days=3650))
    with pytest.raises(PermissionDeniedError):
        services.licence_withdraw(licence=lic, reason="撤销", by=staff, now=NOW)
    lic = services.licence_withdraw(
        licence=lic, reason="许可被撤销", by=reviewer, now=NOW
    )
    assert lic.status == Status.WITHDRAWN
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"licence.create", "licence.update"} <= actions
    assert services.licence_personal_data_view(licence=lic, by=staff) is False


def _sheet(records, *, by="label"):
    codes = list(dict.fromkeys(c for r in records for c in r))
    headers = [BY_CODE[c].label if by == "label" else c for c in codes]
    return write_xlsx(headers, [[r.get(c) for c in codes] for r in records])


@pytest.mark.django_db
def test_command_imports_licences_and_writes_the_error_file(staff, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    path = tmp_path / "许可.xlsx"
    bad = licence_record(XK_XDR_SHXYM="91350100M000100Y44")
    path.write_bytes(_sheet([licence_record(), bad]))
    errors, out = tmp_path / "errors.csv", io.StringIO()
    call_command("penalties", "import-licences", str(path), "--user", "author",
                 "--errors", str(errors), stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "第 3 行 行政相对人代码_1（统一社会信用代码）" in text and "校验位" in text
    assert "新增 1" in text and "错误 1" in text
    assert "行政相对人代码_1" in errors.read_text(encoding="utf-8-sig")
    assert LicenceDecision.objects.get().status == Status.IN_REVIEW
    with pytest.raises(CommandError, match="只有公开办审核人员"):
        call_command("penalties", "import-licences", str(path), "--user", "author",
                     "--publish")  # fmt: skip
    with pytest.raises(CommandError, match="unrecognized arguments: --no-index"):
        call_command("penalties", "import-licences", str(path), "--user", "author",
                     "--no-index")  # fmt: skip


@pytest.mark.django_db
def test_import_keeps_good_rows_and_reports_bad_ones_by_row_and_column(staff):
    good = licence_record()
    rows = [
        good,
        licence_record(XK_XDR_SHXYM="91350100M000100Y44"),
        licence_record(XK_WSH=good["XK_WSH"]),
        licence_person_record(XK_JDRQ="2026-09-30", XK_YXQZ="2026-09-30"),
    ]
    run = licence_import(
        data=_sheet(rows),
        file_name="许可.xlsx",
        department=staff.department,
        by=staff,
        now=NOW,
    )
    assert (run.created, run.failed) == (2, 2)
    errors = {e.row: e.problems for e in run.errors.all()}
    assert errors[3][0][0] == "行政相对人代码_1（统一社会信用代码）"
    assert "校验位" in errors[3][0][1]
    assert errors[4] == [["行政许可决定文书号", "与第 2 行的文书号重复"]]
    person = LicenceDecision.objects.get(party_category="natural_person")
    assert person.status == Status.IN_REVIEW
    assert person.publish_due_on == dt.date(2026, 10, 15)
    assert clocks_for(person).get().rule_key == "licence.publish"
    table = read_table(import_error_file(run), "errors.xlsx")
    assert len(list(table.rows)) == 2
    # Again: unchanged, nothing doubled (idempotent on the 文书号).
    again = licence_import(
        data=_sheet(rows[:1], by="code"),
        file_name="again.xlsx",
        department=staff.department,
        by=staff,
        now=NOW,
    )
    assert (again.created, again.unchanged) == (0, 1)
    assert LicenceDecision.objects.count() == 2
    assert AuditEvent.objects.filter(action="licence.import_batch").count() == 2


@pytest.mark.django_db
def test_a_changed_row_updates_a_draft_of_the_department_only(staff, other_staff):
    def run(rows, user):
        return licence_import(
            data=_sheet(rows, by="code"), file_name="x.xlsx",
            department=user.department, by=user, now=NOW,
        )  # fmt: skip

    raw = licence_record()
    run([raw], staff)
    changed = dict(raw, XK_NR="准予电线电缆产品生产许可（更正）。")
    refused = run([changed], staff)
    assert (refused.updated, refused.failed) == (0, 1)
    assert refused.errors.get().problems == [
        ["XK_WSH", "该文书号已登记（待审核），导入不能修改；请在工作台撤回后修改"]
    ]
    LicenceDecision.objects.update(status=Status.DRAFT)
    assert run([changed], other_staff).failed == 1  # another department's draft
    updated = run([changed], staff)
    assert (updated.updated, updated.unchanged, updated.failed) == (1, 0, 0)
    lic = LicenceDecision.objects.get()
    assert lic.content.endswith("（更正）。") and lic.revision == 1
    assert run([changed], staff).unchanged == 1


@pytest.mark.django_db
def test_import_with_publish_is_for_reviewers_and_stops_the_clock(staff, reviewer):
    data = _sheet([licence_record()])
    with pytest.raises(PermissionDeniedError):
        licence_import(
            data=data, file_name="x.xlsx", department=staff.department, by=staff,
            publish=True, now=NOW,
        )  # fmt: skip
    run = licence_import(
        data=data, file_name="x.xlsx", department=staff.department, by=reviewer,
        publish=True, now=NOW,
    )  # fmt: skip
    lic = LicenceDecision.objects.get()
    assert run.created == 1 and lic.status == Status.PUBLISHED
    clock = clocks_for(lic).get()
    assert clock.state == CachedState.STOPPED and clock.stopped_late  # 2026-09-29 due
    assert LicenceImportRun.objects.count() == 1


@pytest.mark.django_db
def test_exchange_rows_have_every_code_and_full_values(staff, reviewer):
    lic = licence_publish(
        staff=staff, reviewer=reviewer, raw=licence_person_record(), now=NOW
    )
    (row,) = exchange_rows([lic], today=TODAY)
    assert tuple(row) == EXCHANGE_COLUMNS and len(EXCHANGE_COLUMNS) == 28
    assert row["XK_XDR_ZJHM"] == "11010519491231002X"
    assert row["XK_XDR_LB"] == "自然人" and row["XK_XKLB"] == "认可"
    assert row["XK_ZT"] == "1" and row["XK_YXQJZ"] == "2031-09-17"
    (later,) = exchange_rows([lic], today=dt.date(2031, 9, 18))
    assert later["XK_ZT"] == "2"
