"""Penalties in the site search: published ones found by name or 文号, within the window."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.penalties import services
from gongkai.penalties.importing import penalty_import
from gongkai.penalties.tests.factories import person_record, record
from gongkai.penalties.tests.support import publish
from gongkai.penalties.tests.test_importing import sheet
from gongkai.search.selectors import search_run

pytestmark = pytest.mark.django_db
SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 9, 21, 10, tzinfo=SH)


def titles(query, now=NOW + dt.timedelta(hours=1)):
    return [h.title for h in search_run(query=query, now=now).hits]


def test_published_penalty_is_found_and_withdrawn_one_is_not(
    staff, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = publish(
            staff=staff,
            reviewer=reviewer,
            raw=record(CF_XDR_MC="福州星光电线电缆有限公司"),
            now=NOW,
        )
    assert titles("星光电线") == [
        f"福州星光电线电缆有限公司 行政处罚决定（{p.decision_number}）"
    ]
    assert titles(p.decision_number)[0].endswith(f"（{p.decision_number}）")
    # the window is judged at query time: gone after 公示截止期
    # (3 years from the publication on 2026-09-21, 总局令第45号 第十三条)
    assert titles("星光电线", now=dt.datetime(2029, 9, 21, 15, tzinfo=dt.UTC))
    assert titles("星光电线", now=dt.datetime(2029, 9, 22, tzinfo=SH)) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.penalty_withdraw(
            penalty=p,
            kind="revoked",
            changed_on=NOW.date(),
            reason="撤销",
            by=reviewer,
            now=NOW,
        )
    assert titles("星光电线") == []


def test_drafts_are_not_indexed_and_imports_with_publish_are(
    staff, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.penalty_create(
            record=record(CF_XDR_MC="草稿电器厂"),
            department=staff.department,
            by=staff,
            now=NOW,
        )
        penalty_import(
            data=sheet([record(CF_XDR_MC="导入机械有限公司"), person_record()]),
            file_name="p.xlsx",
            department=staff.department,
            by=reviewer,
            publish=True,
            now=NOW,
        )
    assert titles("草稿电器厂") == []
    assert len(titles("导入机械")) == 1
    # a natural person's ID number is not a search code
    assert titles("11010519491231002X") == []


def _indexed(kind):
    from gongkai.search.models import SearchEntry

    return set(
        SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True)
    )


def test_import_killed_while_indexing_a_batch_resumes_with_every_published_row_found(
    staff, reviewer, monkeypatch
):
    """A kill after a batch's rows are written and before they are indexed (here:
    an interruption raised as the second batch starts indexing) loses the whole
    batch, rows and index together; resuming writes and indexes it. At no point is
    a published penalty missing from search."""
    import gongkai.penalties.importing as importing
    from gongkai.penalties.models import Penalty
    from gongkai.publishing.choices import Status

    reviewer.department = staff.department
    rows = [record(CF_XDR_MC=f"福州第{n}电器有限公司") for n in range(5)]
    data = sheet(rows)
    real, calls = importing.index_bulk, []

    def killed_on_the_second_batch(**kw):
        calls.append(len(kw["items"]))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the worker is killed here
        return real(**kw)

    monkeypatch.setattr(importing, "index_bulk", killed_on_the_second_batch)

    def start():
        return penalty_import(
            data=data,
            file_name="p.xlsx",
            department=staff.department,
            by=reviewer,
            publish=True,
            now=NOW,
            batch_size=2,
        )

    with pytest.raises(KeyboardInterrupt):
        start()
    published = {
        str(pk)
        for pk in Penalty.objects.filter(status=Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    }
    assert len(published) == 2  # the first batch; the second rolled back whole
    assert _indexed("penalties.penalty") == published
    monkeypatch.setattr(importing, "index_bulk", real)
    run = start()
    assert (run.state, run.created) == ("done", 5)
    published = {str(pk) for pk in Penalty.objects.values_list("pk", flat=True)}
    assert len(published) == 5
    assert _indexed("penalties.penalty") == published
    number = rows[3]["CF_WSH"]  # of the batch that was rolled back
    assert titles(number)[0] == f"福州第3电器有限公司 行政处罚决定（{number}）"


def test_the_sitemap_lists_published_penalties_and_every_module_list(
    client, staff, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shown = publish(
            staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC="地图电器厂"), now=NOW
        )
        gone = publish(
            staff=staff, reviewer=reviewer, raw=record(CF_XDR_MC="撤回电器厂"), now=NOW
        )
        services.penalty_withdraw(
            penalty=gone,
            kind="revoked",
            changed_on=NOW.date(),
            reason="撤销",
            by=reviewer,
            now=NOW,
        )
    body = client.get(reverse("documents:sitemap")).content.decode()
    locs = re.findall(r"<loc>http://testserver(.*?)</loc>", body)
    assert shown.get_absolute_url() in locs
    assert gone.get_absolute_url() not in locs
    for name in ("penalties:penalty-list", "govservices:power-list", "budgets:column"):
        assert reverse(name) in locs
    assert len(locs) == len(set(locs))  # each URL once
