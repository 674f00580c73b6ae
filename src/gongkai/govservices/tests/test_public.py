"""Public pages: the catalogue and its filters, a guide, its print view and its
materials list, the power list (now and on a date), the diff, an item with the
mailbox link, the licensing lists, intermediary services, feeds and search."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.govservices.models import ServiceItem

from .factories import power, published, service

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(staff, other_staff, reviewer):
    a = published(department=staff.department, author=staff, reviewer=reviewer)
    b = published(
        department=other_staff.department, author=other_staff, reviewer=reviewer,
        name="特种设备作业人员资格认定", theme="特种设备", audience="person",
        online_level="2", visits=1, online_address="", handling_forms=",window,",
        implementation_code=a.implementation_code.replace("-1-00", "-1-01"),
    )  # fmt: skip
    draft = service(department=staff.department, author=staff, name="尚未发布的事项")
    return a, b, draft


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["特种设备作业人员资格认定", "计量器具型式批准"]),
        ("q=型式", ["计量器具型式批准"]),
        ("theme=特种设备", ["特种设备作业人员资格认定"]),
        ("audience=person", ["特种设备作业人员资格认定"]),
        ("audience=organisation", ["计量器具型式批准"]),
        ("level=4", ["计量器具型式批准"]),
        ("level=3", []),
    ],
)
def test_catalogue_filters(client, items, query, names):
    response = client.get(reverse("govservices:service-list") + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["特种设备作业人员资格认定", "计量器具型式批准"]:
        assert (name in html) == (name in names), name
    assert "尚未发布的事项" not in html


def test_catalogue_filter_by_department(client, items):
    a, b, _draft = items
    html = client.get(
        reverse("govservices:service-list"), {"department": b.department_id}
    ).content.decode()
    assert b.name in html and a.name not in html


def test_catalogue_bad_filter_is_a_message_not_an_error(client, items):
    response = client.get(
        reverse("govservices:service-list"), {"level": "9", "department": "x"}
    )
    assert response.status_code == 200
    assert "查询条件有误" in response.content.decode()


def test_guide_print_view_and_materials(client, items):
    a, _b, draft = items
    detail = client.get(a.get_absolute_url())
    assert detail.status_code == 200
    html = detail.content.decode()
    for text in ("受理条件", "申请材料1", "0591-87000002", "Ⅳ级（全程网办）", "打印版"):
        assert text in html
    printed = client.get(reverse("govservices:service-print", args=[a.pk]))
    assert printed.status_code == 200 and "返回办事指南" in printed.content.decode()
    csv = client.get(reverse("govservices:service-materials", args=[a.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    assert "申请材料1" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("govservices:service-materials", args=[a.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "申请材料1"
    assert (
        client.get(
            reverse("govservices:service-materials", args=[a.pk, "pdf"])
        ).status_code
        == 404
    )
    # A draft is not public: 404, not 403.
    assert (
        client.get(reverse("govservices:service-detail", args=[draft.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("govservices:service-print", args=[draft.pk])).status_code
        == 404
    )


@pytest.fixture
def powers(department, other_department):
    a = power(code="P1", department=department, name="计量器具型式批准")
    b = power(code="P2", department=department, name="特种设备作业人员资格认定")
    c = power(
        code="P3", department=other_department, name="计量器具新产品样机试验单位确定"
    )
    from gongkai.govservices.models import Adjustment

    for item, kind in ((b, "delegate"), (c, "cancel")):
        Adjustment.objects.create(
            item=item, kind=kind, effective_on=dt.date(2025, 9, 15), snapshot=item.snapshot(),
            doc_number="闽政〔2025〕18号", reason="改革", delegated_to="设区市",
            recorded_at=dt.datetime(2025, 9, 1, tzinfo=dt.UTC),
        )  # fmt: skip
    power(
        code="P4",
        department=department,
        kind="add",
        on=dt.date(2025, 9, 15),
        name="注册计量师注册",
    )
    return a, b, c


def test_power_list_now_and_on_a_date(client, powers):
    now = client.get(reverse("govservices:power-list")).content.decode()
    assert "计量器具型式批准" in now and "注册计量师注册" in now
    assert "特种设备作业人员资格认定" not in now
    then = client.get(
        reverse("govservices:power-list"), {"on": "2025-06-01"}
    ).content.decode()
    assert "特种设备作业人员资格认定" in then and "注册计量师注册" not in then
    bad = client.get(reverse("govservices:power-list"), {"on": "2025-13-01"})
    assert bad.status_code == 200 and "格式不正确" in bad.content.decode()


def test_power_diff_page(client, powers):
    url = reverse("govservices:power-diff")
    assert client.get(url).status_code == 200
    html = client.get(url, {"from": "2025-06-01", "to": "2025-12-31"}).content.decode()
    assert (
        "diff-delegated" in html and "diff-cancelled" in html and "diff-added" in html
    )
    versions = client.get(url).content.decode()
    assert "?from=2025-09-14&amp;to=2025-09-15" in versions
    bad = client.get(url, {"from": "昨天", "to": "2025-12-31"})
    assert bad.status_code == 200 and "起始日期格式不正确" in bad.content.decode()


def test_licensing_lists(client, powers):
    html = client.get(reverse("govservices:licensing")).content.decode()
    cancelled, rest = html.split("下放的行政许可事项")
    delegated, retained = rest.split("保留的行政许可事项")
    assert "计量器具新产品样机试验单位确定" in cancelled
    assert "特种设备作业人员资格认定" in delegated and "设区市" in delegated
    assert "计量器具型式批准" in retained and "注册计量师注册" in retained


def test_power_item_without_the_mailbox_shows_no_feedback_link(
    client, powers, monkeypatch
):
    """A deployment without the participation module: no link, not a dead one."""
    from django.urls import NoReverseMatch

    from gongkai.govservices.views import public

    real = public.reverse

    def without_mailbox(name, *args, **kwargs):
        if name.startswith("participation:"):
            raise NoReverseMatch(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(public, "reverse", without_mailbox)
    html = client.get(reverse("govservices:power-detail", args=["P1"])).content.decode()
    assert "对此事项提意见" not in html
    assert (
        client.get(reverse("govservices:power-detail", args=["NOPE"])).status_code
        == 404
    )


def test_power_item_links_to_the_mailbox(client, powers):
    html = client.get(reverse("govservices:power-detail", args=["P1"])).content.decode()
    assert "对此事项提意见" in html
    assert reverse("participation:message-new") + "?about=%2Fpowers%2FP1%2F" in html
    form = client.get(reverse("participation:message-new"), {"about": "/powers/P1/"})
    assert form.status_code == 200


def test_intermediary_list_shows_published_only(client, staff, reviewer):
    from .factories import intermediary

    intermediary(department=staff.department, author=staff, name="草稿中介")
    shown = intermediary(department=staff.department, author=staff, name="已发布中介")
    shown.status, shown.publish_at = "published", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    shown.save()
    html = client.get(reverse("govservices:intermediary-list")).content.decode()
    assert "已发布中介" in html and "草稿中介" not in html


def test_feeds(client, items, powers):
    feed = client.get(reverse("govservices:service-feed")).content.decode()
    assert "计量器具型式批准" in feed and "尚未发布的事项" not in feed
    adjustments = client.get(reverse("govservices:power-feed")).content.decode()
    assert "下放：特种设备作业人员资格认定" in adjustments


def test_published_guides_and_listed_powers_are_searchable(
    staff, reviewer, department, django_capture_on_commit_callbacks
):
    from gongkai.govservices import services
    from gongkai.search.selectors import search_run

    def titles(query):
        return [
            h.title
            for h in search_run(
                query=query, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
            ).hits
        ]

    with django_capture_on_commit_callbacks(execute=True):
        published(department=staff.department, author=staff, reviewer=reviewer)
        service(department=staff.department, author=staff, name="尚未发布的计量事项",
                implementation_code="X")  # fmt: skip
        item = services.power_item_create(
            code="P9", values={"name": "计量标准器具核准", "power_type": "licensing",
                               "legal_basis": "计量法", "responsibilities": "受理"},
            department=department, kind="retain", effective_on=dt.date(2025, 3, 1),
            doc_number="闽质监法〔2025〕12号", by=staff,
        )  # fmt: skip
    assert titles("型式批准") == ["计量器具型式批准（办事指南）"]
    assert titles("尚未发布") == []
    assert titles("计量标准器具") == ["计量标准器具核准（权责清单）"]
    with django_capture_on_commit_callbacks(execute=True):
        services.power_adjust(
            item=item, kind="cancel", effective_on=dt.date(2025, 9, 1),
            doc_number="闽政〔2025〕18号", reason="取消", by=staff,
        )  # fmt: skip
    assert titles("计量标准器具") == []


def test_catalogue_query_count_does_not_grow_with_rows(
    client, items, django_assert_max_num_queries, staff, reviewer
):
    for i in range(10):
        published(
            department=staff.department, author=staff, reviewer=reviewer, name=f"事项{i}",
            implementation_code=ServiceItem.objects.first().implementation_code + str(i),
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        client.get(reverse("govservices:service-list"))


def test_catalogue_in_english(client, items):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("govservices:service-list")).content.decode()
    assert "Government service items" in html and "Level IV (entirely online)" in html


def test_material_files_are_served_for_published_guides_only(
    client, staff, reviewer, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    item = published(department=staff.department, author=staff, reviewer=reviewer)
    material = item.materials.get()
    material.blank_form.save("申请书.docx", ContentFile(b"blank"))
    draft = service(department=staff.department, author=staff, implementation_code="y")
    other = draft.materials.get()
    other.sample.save("样表.pdf", ContentFile(b"sample"))
    url = reverse("govservices:material-file", args=[item.pk, material.pk, "blank"])
    assert url in client.get(item.get_absolute_url()).content.decode()
    assert b"".join(client.get(url).streaming_content) == b"blank"
    assert (
        client.get(
            reverse("govservices:material-file", args=[item.pk, material.pk, "sample"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("govservices:material-file", args=[draft.pk, other.pk, "sample"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("govservices:material-file", args=[item.pk, other.pk, "sample"])
        ).status_code
        == 404
    )


def test_a_power_item_cancelled_from_a_future_date_leaves_search_on_that_date(
    staff, department, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from gongkai.govservices import services
    from gongkai.search.selectors import search_run

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        item = services.power_item_create(
            code="P8", values={"name": "计量器具新产品样机试验", "power_type": "licensing",
                               "legal_basis": "计量法", "responsibilities": "受理"},
            department=department, kind="retain", effective_on=today - dt.timedelta(days=100),
            doc_number="闽质监法〔2025〕12号", by=staff,
        )  # fmt: skip
        services.power_adjust(
            item=item, kind="cancel", effective_on=today + dt.timedelta(days=30),
            doc_number="闽政〔2026〕18号", reason="取消", by=staff,
        )  # fmt: skip

    def found(day):
        at = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        return [h.title for h in search_run(query="样机试验", now=at).hits]

    assert found(today) == ["计量器具新产品样机试验（权责清单）"]
    assert found(today + dt.timedelta(days=31)) == []
    assert found(today - dt.timedelta(days=200)) == []
