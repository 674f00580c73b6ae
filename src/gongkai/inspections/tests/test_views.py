"""Pages and API: every endpoint, permission failures, query ceilings, masking."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from gongkai.inspections import services
from gongkai.inspections.models import Inspection, Task

from .support import T0, make_task, registry, run_to_drawn

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(staff, department, reviewer):
    """A drawn, published task with one published result."""
    registry()
    task = make_task(by=staff, department=department, mode="public")
    d = run_to_drawn(task, office=reviewer, by=staff)
    i = d.inspections.first()
    now = dt.datetime(2026, 3, 20, 2, tzinfo=dt.UTC)
    services.inspection_result_enter(
        inspection=i,
        result="no_problem",
        note="",
        checked_on=dt.date(2026, 3, 10),
        by=staff,
        now=now,
    )
    services.results_publish(task=task, by=reviewer, now=now)
    return task


def test_public_pages_render(client, published):
    code = published.code
    urls = [
        reverse("inspections:index"),
        reverse("inspections:item-list"),
        reverse("inspections:plan-list"),
        reverse("inspections:task-list"),
        reverse("inspections:task-detail", args=[code]),
        reverse("inspections:result-list"),
        reverse("inspections:how"),
        reverse("inspections:check"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("inspections:task-detail", args=[code])).content.decode()
    assert published.draws.get().commit_hash in page
    assert "不公布" in page  # inspector names withheld (publish_inspectors = False)


def test_unknown_task_is_404(client, db):
    assert (
        client.get(reverse("inspections:task-detail", args=["NOPE"])).status_code == 404
    )
    assert (
        client.get(reverse("inspections:bundle", args=["NOPE", 1])).status_code == 404
    )


def test_public_bundle_download_verifies(client, published):
    from gongkai.core.draw.bundle import public_verify

    response = client.get(reverse("inspections:bundle", args=[published.code, 1]))
    bundle = json.loads(response.content)
    assert public_verify(bundle).ok
    assert all("inspectors" not in t for t in bundle["output"]["result"]["teams"])


def test_enterprise_check_shows_ticket_threshold_and_proof(client, published):
    from gongkai.core.draw.bundle import proof_verify

    i = Inspection.objects.filter(draw__task=published).first()
    page = client.get(
        reverse("inspections:check"), {"uscc": i.uscc.lower()}
    ).content.decode()
    assert i.ticket in page and "已被抽中" in page
    data = client.get(reverse("api:inspections-api:check"), {"uscc": i.uscc}).json()
    entry = data["draws"][0]
    assert entry["selected"] and proof_verify(entry["proof"])
    bad = client.get(reverse("inspections:check"), {"uscc": "91110000600037341N"})
    assert "校验位" in bad.content.decode()
    assert (
        client.get(reverse("api:inspections-api:check"), {"uscc": "x"}).status_code
        == 400
    )


def test_individual_business_names_are_masked(client, published):
    i = Inspection.objects.filter(
        draw__task=published, published_at__isnull=False
    ).get()
    Inspection.objects.filter(pk=i.pk).update(uscc="92" + i.uscc[2:], name="张三便利店")
    page = client.get(reverse("inspections:result-list")).content.decode()
    assert "张三便利店" not in page and "张****" in page


@pytest.mark.parametrize("name", ["item-list", "plan-list", "task-list", "result-list"])
def test_public_lists_export_csv_and_xlsx_within_query_ceiling(
    client, published, django_assert_max_num_queries, name
):
    url = reverse(f"api:inspections-api:{name}")
    with django_assert_max_num_queries(6):
        response = client.get(url, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "text/csv"
    )
    assert client.get(url, {"format": "xlsx"}).status_code == 200


def test_api_task_detail_has_the_bundles(client, published):
    data = client.get(
        reverse("api:inspections-api:task-detail", args=[published.code])
    ).json()
    assert data["draws"][0]["bundle"]["commit"]["task_id"] == published.code


def test_staff_registry_api_needs_staff(client, login, staff, published):
    url = reverse("api:inspections-api:target-list")
    assert client.get(url).status_code in (401, 403)
    assert login(staff).get(url, {"format": "csv"}).status_code == 200


def test_staff_pages_need_login_and_render(client, login, staff, published):
    url = reverse("inspections-staff:task-detail", args=[published.code])
    assert client.get(url).status_code == 302
    c = login(staff)
    for u in [
        reverse("inspections-staff:home"),
        url,
        reverse("inspections-staff:content-list", args=["item"]),
        reverse("inspections-staff:content-create", args=["plan"]),
        reverse("inspections-staff:registry", args=["targets"]),
        reverse("inspections-staff:registry", args=["inspectors"]),
        reverse("inspections-staff:registry", args=["conflicts"]),
        reverse("inspections-staff:import"),
        reverse("inspections-staff:task-create"),
    ]:
        assert c.get(u).status_code == 200, u


def test_auditor_bundle_only_for_office_and_auditors(login, staff, auditor, published):
    url = reverse("inspections-staff:auditor-bundle", args=[published.code, 1])
    assert login(staff).get(url).status_code == 403
    response = login(auditor).get(url)
    assert response.status_code == 200
    from gongkai.core.draw import verify

    assert verify(json.loads(response.content)).ok


def test_workflow_through_the_pages(
    login, staff, reviewer, department, django_capture_on_commit_callbacks
):
    registry()
    task = make_task(
        by=staff,
        department=department,
        beacon_time=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=3650),
    )
    c = login(staff)

    def act(name: str, **data: object) -> object:
        return c.post(
            reverse("inspections-staff:task-action", args=[task.code, name]), data
        )

    with django_capture_on_commit_callbacks(execute=True):  # the queued job runs
        act("freeze")
    d = task.draws.get()
    assert act("commit", draw=d.pk).status_code == 403  # staff cannot commit
    c2 = login(reviewer)
    c2.post(
        reverse("inspections-staff:task-action", args=[task.code, "commit"]),
        {"draw": d.pk},
    )
    d.refresh_from_db()
    assert d.state == "committed"
    response = c2.post(
        reverse("inspections-staff:task-action", args=[task.code, "beacon"]),
        {"draw": d.pk, "randomness_hex": "ab" * 32},
        follow=True,
    )
    assert (
        "信标尚未产生" in response.content.decode()
    )  # beacon in the future: a message, not a 500


def test_task_create_form(login, reviewer, department):
    from .factories import ItemFactory

    item = ItemFactory(department=department, author=reviewer)
    data = {
        "code": "T-1",
        "title": "测试任务",
        "department": department.pk,
        "items": [item.pk],
        "target_count": 5,
        "risk_weights": "A=1, B=2",
        "stratify_by": "risk,region",
        "reserve_per_stratum": 1,
        "team_size": 2,
        "capacity_slack": 0,
        "mode": "public",
        "hash_alg": "sm3",
        "beacon_type": "lottery",
        "lottery_draws": "双色球 2026030",
        "beacon_time": "2026-12-01T21:15",
        "reveal_hours": 24,
    }
    c = login(reviewer)
    response = c.post(reverse("inspections-staff:task-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    task = Task.objects.get(code="T-1")
    assert task.hash_alg == "sm3" and task.lottery_draws == [
        {"game": "双色球", "issue": "2026030"}
    ]
    bad = c.post(
        reverse("inspections-staff:task-create"),
        {**data, "code": "T-2", "risk_weights": "A=x"},
    )
    assert "权重格式" in bad.content.decode()


def test_item_lifecycle_through_the_pages(login, staff, reviewer, department, client):
    c = login(staff)
    data = {
        "code": "SJ-9",
        "name": "计量器具检查",
        "legal_basis": "《计量法》",
        "inspecting_body": "市监局",
        "target_type": "加油站",
        "method": "现场检查",
        "kind": "key",
        "department": department.pk,
    }
    response = c.post(reverse("inspections-staff:content-create", args=["item"]), data)
    assert response.status_code == 302
    from gongkai.inspections.models import InspectionItem

    item = InspectionItem.objects.get(code="SJ-9")
    c.post(reverse("inspections-staff:item-action", args=[item.pk, "submit"]))
    c2 = login(reviewer)
    c2.post(reverse("inspections-staff:item-action", args=[item.pk, "approve"]))
    c2.post(reverse("inspections-staff:item-action", args=[item.pk, "publish"]))
    c2.logout()
    assert (
        "计量器具检查" in client.get(reverse("inspections:item-list")).content.decode()
    )
    assert (
        client.get(reverse("api:inspections-api:item-list")).json()["results"][0][
            "code"
        ]
        == "SJ-9"
    )


def test_import_page_streams_progress_and_links_the_result(login, staff, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.inspections import importing
    from gongkai.inspections.sample import uscc

    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    c = login(staff)
    header = "统一社会信用代码,名称,行政区划代码,行业代码,风险等级\n"
    rows = "".join(f"{uscc(n)},企业{n},330102,F52,A\n" for n in range(5))
    upload = SimpleUploadedFile("t.csv", (header + rows).encode())
    response = c.post(
        reverse("inspections-staff:import"), {"kind": "targets", "file": upload}
    )
    body = b"".join(response.streaming_content).decode()
    assert "已校验 2" in body and "已校验 4" in body and "已写入 5" in body
    assert "导入完成" in body and body.rstrip().endswith("</html>")
    bad = SimpleUploadedFile("t.csv", (header + "123,甲,330102,F52,A\n").encode())
    response = c.post(
        reverse("inspections-staff:import"), {"kind": "targets", "file": bad}
    )
    body = b"".join(response.streaming_content).decode()
    assert "没有导入任何一行" in body
    from gongkai.inspections.models import ImportBatch

    detail = c.get(
        reverse(
            "inspections-staff:import-detail",
            args=[ImportBatch.objects.filter(ok=False).get().pk],
        )
    )
    assert "18位" in detail.content.decode()


def test_selected_list_downloads_only_when_public(
    client, published, staff, department, reviewer
):
    url = reverse("api:inspections-api:selected-list", args=[published.code, 1])
    response = client.get(url, {"format": "csv"})
    assert (
        response.status_code == 200
        and published.draws.get().inspections.first().uscc in response.content.decode()
    )
    confidential = make_task(by=staff, department=department, code="HZ-2026-009")
    run_to_drawn(confidential, office=reviewer, by=staff)
    hidden = reverse("api:inspections-api:selected-list", args=[confidential.code, 1])
    assert client.get(hidden).status_code == 404


def test_inspector_names_shown_only_when_the_task_allows(client, published):
    from gongkai.inspections.models import Inspector

    name = Inspector.objects.first().name
    url = reverse("inspections:task-detail", args=[published.code])
    assert name not in client.get(url).content.decode()
    published.publish_inspectors = True  # a save: the page cache sees it
    published.save(update_fields=["publish_inspectors"])
    assert name in client.get(url).content.decode()


def test_items_and_plans_in_review_link_to_their_own_edit_page(
    login, staff, reviewer, department
):
    from gongkai.publishing.services import publishing_submit

    item = services.item_create(
        code="SJ-7",
        department=department,
        by=staff,
        name="广告检查",
        legal_basis="广告法",
        inspecting_body="市监局",
        target_type="广告主",
        method="网络监测",
    )
    plan = services.plan_create(
        year=2026,
        title="2026年度计划",
        body="计划内容",
        department=department,
        by=staff,
    )
    publishing_submit(obj=item, by=staff)
    publishing_submit(obj=plan, by=staff)
    page = login(reviewer).get(reverse("workbench:review-list")).content.decode()
    assert reverse("inspections-staff:item-edit", args=[item.pk]) in page
    assert reverse("inspections-staff:plan-edit", args=[plan.pk]) in page


def test_public_task_and_result_pages_within_query_ceiling(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        assert (
            client.get(
                reverse("inspections:task-detail", args=[published.code])
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inspections:result-list")).status_code == 200


def test_public_pages_in_english(client, published):
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("inspections:how"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "How the draw works" in page
    page = client.get(
        reverse("inspections:task-detail", args=[published.code]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Commit record" in page.content.decode()


def test_confidential_draw_shows_only_root_and_checkpoint_before_publication(
    client, staff, department, reviewer
):
    registry()
    task = make_task(by=staff, department=department)
    d = run_to_drawn(task, office=reviewer, by=staff)
    page = client.get(
        reverse("inspections:task-detail", args=[task.code])
    ).content.decode()
    assert d.result_root in page and d.output_log_hash in page
    assert d.output["seed"] not in page and d.secret_hex not in page
    assert d.inspections.first().uscc not in page


def test_results_search_never_reveals_masked_names(client, published):
    i = Inspection.objects.filter(published_at__isnull=False).get()
    url = reverse("inspections:result-list")
    assert i.uscc in client.get(url, {"q": i.uscc[-6:]}).content.decode()
    assert i.uscc in client.get(url, {"q": i.name}).content.decode()
    Inspection.objects.filter(pk=i.pk).update(uscc="92" + i.uscc[2:], name="张三便利店")
    assert "92" + i.uscc[2:] not in client.get(url, {"q": "张三"}).content.decode()


def test_bundle_of_a_committed_draw_checks_its_commit(
    client, staff, department, reviewer
):
    from gongkai.core.draw.bundle import public_verify

    registry()
    task = make_task(by=staff, department=department)
    d = services.draw_freeze(task=task, by=staff, now=T0)
    services.draw_commit(draw=d, by=reviewer, now=T0)
    bundle = json.loads(
        client.get(reverse("inspections:bundle", args=[task.code, 1])).content
    )
    report = public_verify(bundle)
    assert report.ok and report.checked == ["commit"]
    assert bundle["secret_hex"] is None


def test_an_enterprise_outside_the_registry_is_told_it_was_not_a_target(
    client, published
):
    """Issue 19: not "未被抽中" with a ticket, but "not among the targets"."""
    outsider = "91350100MA2XXXXX0"  # checked below for a valid check character
    from gongkai.core.ids import uscc_check_char

    outsider = outsider[:17] + uscc_check_char(outsider[:17])
    page = client.get(reverse("inspections:check"), {"uscc": outsider}).content.decode()
    assert "不是这项任务的抽查对象" in page
    assert "您的签号" not in page
    data = client.get(reverse("api:inspections-api:check"), {"uscc": outsider}).json()
    assert data["draws"][0]["listed"] is False
    assert "ticket" not in data["draws"][0]
    # An enterprise in the registry but not drawn still gets its ticket.
    d = published.draws.get()
    drawn = set(d.inspections.values_list("uscc", flat=True))
    listed = next(t["uscc"] for t in d.snapshot["targets"] if t["uscc"] not in drawn)
    entry = client.get(reverse("api:inspections-api:check"), {"uscc": listed}).json()
    assert entry["draws"][0]["listed"] is True and entry["draws"][0]["ticket"]


def test_task_page_leads_with_plain_words_and_folds_the_cryptography(client, published):
    page = client.get(
        reverse("inspections:task-detail", args=[published.code])
    ).content.decode()
    summary, _, rest = page.partition("技术验证")
    assert "抽查什么" in summary and "户符合条件的检查对象中随机抽取" in summary
    assert "如何自己核对抽取是公正的" in summary
    assert "第 1 组" in summary and "第 0 组" not in summary
    assert "commit_hash" not in page and "result_root" not in page
    assert published.draws.get().commit_hash in rest  # the detail is still there
    # Strata in words, not A|330102.
    assert "风险等级" in summary
    assert "|" not in summary.split("抽中名单")[1].split("</table>")[0]
