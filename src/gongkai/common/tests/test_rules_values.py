"""rule_value_set validates and audits; rule_value picks the version in force; the
admin form refuses a value nested too deep to parse."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.clocks import recompute
from gongkai.clocks.models import Clock
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent, RuleValue
from gongkai.common.selectors import rule_value
from gongkai.common.services import rule_value_set

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date
NOW = dt.datetime(2026, 2, 10, 11, 0, tzinfo=SHANGHAI)
PENALTY = "clock.penalty.publish.length"

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> object:
    return UserFactory(username="rules-admin", role="admin")


def test_unknown_key_is_refused_and_nothing_is_kept(admin: object) -> None:
    with pytest.raises(InvalidInputError) as excinfo:
        rule_value_set(
            key="clock.nothing.length", value=5, valid_from=D(2026, 1, 1), by=admin
        )

    assert excinfo.value.code == "rule.unknown"
    assert "clock.nothing.length" in str(excinfo.value.message)
    assert RuleValue.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (PENALTY, 0),
        (PENALTY, -3),
        (PENALTY, True),
        (PENALTY, "20"),
        (PENALTY, 2.5),
        (PENALTY, None),
        ("clock.foi.reply.fee_pauses", "yes"),
        ("clock.foi.reply.fee_pauses", 1),
        ("index_number.pattern", "{org_code}/{year}"),
        ("index_number.pattern", "{seq.__class__}"),
        ("index_number.pattern", 5),
        ("fee.per_page_tiers", []),
        ("fee.per_page_tiers", [[1, "0"], [1, "10"]]),
        ("fee.per_page_tiers", [[1, "abc"]]),
        ("fee.per_item", {"free_up_to": 10}),
    ],
)
def test_bad_value_is_refused_with_a_code(
    admin: object, key: str, value: object
) -> None:
    with pytest.raises(InvalidInputError) as excinfo:
        rule_value_set(key=key, value=value, valid_from=D(2026, 1, 1), by=admin)

    assert excinfo.value.code == "rule.invalid"
    assert RuleValue.objects.filter(key=key).count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (PENALTY, 20),
        ("clock.foi.reply.fee_pauses", True),
        ("index_number.pattern", "{org_code}-{year}-{seq:04d}"),
        ("fee.per_page_tiers", [[1, "0"], [51, "5"]]),
    ],
)
def test_good_value_is_stored(admin: object, key: str, value: object) -> None:
    row = rule_value_set(
        key=key, value=value, valid_from=D(2026, 1, 1), by=admin, note="依据"
    )

    stored = RuleValue.objects.get(pk=row.pk)
    assert (stored.key, stored.value, stored.valid_from, stored.note) == (
        key,
        value,
        D(2026, 1, 1),
        "依据",
    )
    assert stored.created_by == admin


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2017, 5, 26), 7),  # before any dated value: the default
        (D(2025, 12, 31), 7),
        (D(2026, 1, 1), 10),  # in force from its first day
        (D(2026, 6, 30), 10),
        (D(2026, 7, 1), 15),
        (D(2030, 1, 1), 15),
    ],
)
def test_rule_value_picks_the_version_in_force(
    admin: object, on: D, expected: int
) -> None:
    # Entered out of order on purpose: the date decides, not the insertion order.
    rule_value_set(key=PENALTY, value=15, valid_from=D(2026, 7, 1), by=admin)
    rule_value_set(key=PENALTY, value=10, valid_from=D(2026, 1, 1), by=admin)

    assert rule_value(PENALTY, on=on) == expected


def test_rule_value_of_another_key_is_not_mixed_in(admin: object) -> None:
    rule_value_set(
        key="clock.foi.reply.length", value=15, valid_from=D(2020, 1, 1), by=admin
    )

    assert rule_value(PENALTY, on=D(2026, 1, 1)) == 7


def test_change_is_audited_with_before_and_after(admin: object) -> None:
    first = rule_value_set(
        key=PENALTY, value=20, valid_from=D(2026, 1, 1), by=admin, now=NOW
    )
    again = rule_value_set(
        key=PENALTY,
        value=12,
        valid_from=D(2026, 1, 1),
        by=admin,
        now=NOW + dt.timedelta(minutes=1),
    )

    assert again.pk == first.pk  # same day: the row is replaced, not duplicated
    assert RuleValue.objects.get(pk=first.pk).value == 12
    events = list(AuditEvent.objects.filter(action="rule.set").order_by("seq"))
    assert [e.changes for e in events] == [
        {"key": PENALTY, "valid_from": "2026-01-01", "before": 7, "after": 20},
        {"key": PENALTY, "valid_from": "2026-01-01", "before": 20, "after": 12},
    ]
    assert [(e.actor_id, e.object_id) for e in events] == [
        (admin.pk, str(first.pk)),
        (admin.pk, str(first.pk)),
    ]


def test_before_is_the_value_in_force_from_an_earlier_version(admin: object) -> None:
    rule_value_set(key=PENALTY, value=9, valid_from=D(2025, 1, 1), by=admin)

    rule_value_set(key=PENALTY, value=11, valid_from=D(2026, 1, 1), by=admin)

    last = AuditEvent.objects.filter(action="rule.set").order_by("-seq").first()
    assert (last.changes["before"], last.changes["after"]) == (9, 11)


def _penalty_clock(started: dt.datetime) -> Clock:
    department = DepartmentFactory(code="enforcement", name="执法稽查处")
    return clock_start(
        subject=department,
        rule_key="penalty.publish",
        at=started,
        title="处罚决定公示",
        department=department,
        now=NOW,
    )


def test_clock_rule_change_recomputes_open_clocks(
    admin: object, django_capture_on_commit_callbacks: object, monkeypatch: Any
) -> None:
    runs: list[object] = []
    recompute_all = recompute.clocks_recompute_all
    monkeypatch.setattr(
        recompute,
        "clocks_recompute_all",
        lambda **kw: runs.append(kw) or recompute_all(**kw),
    )
    clock = _penalty_clock(dt.datetime(2026, 2, 10, 9, 0, tzinfo=SHANGHAI))
    # 7 working days from 2026-02-10 over the Spring Festival block: 2026-02-26.
    assert clock.due_at == dt.datetime(2026, 2, 27, 0, 0, tzinfo=SHANGHAI)

    with django_capture_on_commit_callbacks(execute=True):
        rule_value_set(key=PENALTY, value=20, valid_from=D(2026, 1, 1), by=admin)

    assert len(runs) == 1  # one recompute, through common.signals.rule_value_changed
    clock.refresh_from_db()
    assert clock.due_at == dt.datetime(2026, 3, 17, 0, 0, tzinfo=SHANGHAI)
    assert clock.due_soon_at == dt.datetime(2026, 3, 11, 0, 0, tzinfo=SHANGHAI)


def test_clock_rule_change_after_the_start_leaves_the_clock_alone(
    admin: object, django_capture_on_commit_callbacks: object
) -> None:
    clock = _penalty_clock(dt.datetime(2026, 2, 10, 9, 0, tzinfo=SHANGHAI))

    with django_capture_on_commit_callbacks(execute=True):
        rule_value_set(key=PENALTY, value=20, valid_from=D(2026, 2, 11), by=admin)

    clock.refresh_from_db()
    assert clock.due_at == dt.datetime(2026, 2, 27, 0, 0, tzinfo=SHANGHAI)


def test_clock_rule_change_leaves_stopped_clocks_alone(
    admin: object, django_capture_on_commit_callbacks: object
) -> None:
    clock = _penalty_clock(dt.datetime(2026, 2, 10, 9, 0, tzinfo=SHANGHAI))
    clock_event_add(
        clock=clock,
        kind="published",
        at=dt.datetime(2026, 2, 11, 9, 0, tzinfo=SHANGHAI),
        now=NOW + dt.timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        rule_value_set(key=PENALTY, value=20, valid_from=D(2026, 1, 1), by=admin)

    clock.refresh_from_db()
    assert (clock.state, clock.due_at) == (
        "stopped",
        dt.datetime(2026, 2, 27, 0, 0, tzinfo=SHANGHAI),
    )


def test_non_clock_rule_change_schedules_no_recompute(
    admin: object, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        rule_value_set(
            key="index_number.pattern",
            value="{year}-{seq}",
            valid_from=D(2026, 1, 1),
            by=admin,
        )

    assert "clocks_recompute_all" not in [c.__name__ for c in callbacks]


@pytest.mark.parametrize(
    ("configured", "on", "expected"),
    [
        # built-in: counted until 2026-12-06, paused from 2026-12-07 (第七条)
        ([], D(2026, 12, 6), False),
        ([], D(2026, 12, 7), True),
        # the demo's row of the old default does not hide the newer built-in one
        ([(D(2020, 11, 17), False)], D(2026, 12, 7), True),
        ([(D(2020, 11, 17), False)], D(2026, 12, 6), False),
        # an administrator's later value wins again from its own date
        ([(D(2027, 1, 1), False)], D(2027, 1, 1), False),
        ([(D(2027, 1, 1), False)], D(2026, 12, 31), True),
        ([(D(2026, 1, 1), True)], D(2026, 6, 1), True),
    ],
)
def test_fee_pause_default_is_dated(configured, on, expected):
    for valid_from, value in configured:
        rule_value_set(
            key="clock.foi.reply.fee_pauses",
            value=value,
            valid_from=valid_from,
            by=None,
        )
    assert rule_value("clock.foi.reply.fee_pauses", on=on) is expected


@pytest.fixture
def root_client(login: Any) -> Any:
    root = UserFactory(
        username="rules-root", role="admin", is_staff=True, is_superuser=True
    )
    client = login(root)
    client.raise_request_exception = False
    return client


def _admin_add(client: Any, value: str) -> Any:
    return client.post(
        "/admin/common/rulevalue/add/",
        {"key": "fee.per_page_tiers", "valid_from": "2026-01-01", "value": value,
         "note": "依据"},
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["[" * 65 + "]" * 65, '{"a":' * 5_000 + "1" + "}" * 5_000, "[" * 100_000],
    ids=["65 closed arrays", "5,000 objects", "100,000 arrays"],
)
def test_the_admin_form_refuses_a_value_nested_too_deep(
    root_client: Any, text: str
) -> None:
    response = _admin_add(root_client, text)

    assert response.status_code == 200  # the form again, with its error
    assert "JSON 嵌套层次过深（最多 64 层）。" in response.content.decode()
    assert RuleValue.objects.count() == 0


def test_the_admin_form_stores_a_good_value(root_client: Any) -> None:
    response = _admin_add(root_client, '[[1, "0"], [51, "5"]]')

    assert response.status_code == 302
    assert RuleValue.objects.get().value == [[1, "0"], [51, "5"]]
