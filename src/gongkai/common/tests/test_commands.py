"""``gongkai audit verify``: OK on an intact chain, names exactly the tampered event."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.tests.factories import DepartmentFactory
from gongkai.common.audit import audit_record
from gongkai.common.models import AuditEvent, RuleValue
from gongkai.common.rulebook import RULES
from gongkai.common.tests.support import act

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)


pytestmark = pytest.mark.django_db


def _chain(n: int) -> None:
    department = DepartmentFactory(name="法规处", code="legal")
    for i in range(1, n + 1):
        audit_record(
            actor=None,
            action=act(f"test.event{i}"),
            obj=department,
            changes={"step": i},
            now=T0 + dt.timedelta(hours=i),
        )


def _verify_error() -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", stdout=io.StringIO())
    return str(excinfo.value)


def _named_events(message: str) -> list[int]:
    return [int(n) for n in re.findall(r"#(\d+)", message)]


def test_audit_verify_prints_ok_on_an_intact_chain() -> None:
    _chain(6)
    out = io.StringIO()

    call_command("audit", "verify", stdout=out)

    assert out.getvalue() == "OK: audit chain intact, 6 events verified.\n"


def test_audit_verify_prints_ok_on_an_empty_trail() -> None:
    out = io.StringIO()

    call_command("audit", "verify", stdout=out)

    assert out.getvalue() == "OK: audit chain intact, 0 events verified.\n"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("changes", {"step": -1}),
        ("object_repr", "另一个处室"),
        ("actor_name", "mallory"),
    ],
)
@pytest.mark.parametrize("k", [1, 4, 6])
def test_audit_verify_names_exactly_the_updated_event(
    field: str, value: object, k: int
) -> None:
    _chain(6)
    AuditEvent.objects.filter(seq=k).update(**{field: value})

    message = _verify_error()

    assert message.startswith(f"BROKEN: first broken event #{k} ")
    assert _named_events(message) == [k]
    assert f"test.event{k} " in message
    assert message.endswith(f"({k - 1} events checked)")


@pytest.mark.parametrize("k", [1, 4, 6])
def test_audit_verify_names_exactly_the_deleted_event(k: int) -> None:
    _chain(6)
    AuditEvent.objects.filter(seq=k).delete()

    message = _verify_error()

    assert message.startswith(f"BROKEN: first broken event #{k} (missing, 记录缺失): ")
    assert _named_events(message) == [k]
    assert message.endswith(f"({k - 1} events checked)")


def test_demo_loads_once_and_a_second_run_changes_nothing() -> None:
    from gongkai.accounts.models import Department, User
    from gongkai.clocks.models import CalendarYear, Clock
    from gongkai.publishing.models import Page

    def counts() -> tuple[int, ...]:
        return (
            Department.objects.count(),
            User.objects.count(),
            CalendarYear.objects.count(),
            Page.objects.count(),
            Page.objects.filter(status="published").count(),
            Clock.objects.filter(rule_key="proactive.publish", state="running").count(),
            RuleValue.objects.count(),
            AuditEvent.objects.count(),
        )

    out = io.StringIO()
    call_command("demo", stdout=out)
    first = counts()
    call_command("demo", stdout=io.StringIO())

    assert counts() == first
    assert first[:6] == (11, 5, 2, 3, 2, 1)
    # every configurable rule, dated from its source, and its later built-in defaults
    assert first[6] == len(RULES) + sum(len(s.later) for s in RULES.values())
    assert "  office       demo-office-2026     公开办审核人员\n" in out.getvalue()
    # After the loads commit, the search figures are refreshed over what they indexed.
    from gongkai.search.models import SearchStats

    assert "搜索统计：" in out.getvalue() and SearchStats.objects.get().refreshed_at
    verify = io.StringIO()
    call_command("audit", "verify", stdout=verify)
    assert verify.getvalue() == f"OK: audit chain intact, {first[7]} events verified.\n"
