"""Holiday-table pages: who may see and import, and what bad files say."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.clocks.models import CalendarYear, HolidayDay
from gongkai.common.models import AuditEvent

pytestmark = pytest.mark.django_db

CSV_2027 = "date,kind,name\n2027-01-01,off,元旦\n2027-02-06,work,春节\n"


def _upload(text: str, name: str = "h.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("clocks:calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_staff_sees_years_and_a_year(login, staff):
    client = login(staff)
    response = client.get(reverse("clocks:calendar"))
    assert response.status_code == 200
    assert "节假日安排" in response.content.decode()
    assert "导入新一年的安排" not in response.content.decode()
    page = client.get(reverse("clocks:calendar-year", args=[2026])).content.decode()
    assert "2026-02-14" in page and "调休上班" in page
    assert "2026-10-07" in page


def test_unannounced_year_shows_the_holidays_fixed_by_law(login, staff):
    page = login(staff).get(reverse("clocks:calendar-year", args=[2028]))
    text = page.content.decode()
    assert "尚未公布：已计入《全国年节及纪念日放假办法》规定的节假日" in text
    for day in ("2028-01-25", "2028-01-28", "2028-04-04", "2028-10-03"):
        assert day in text  # 除夕, 初三, 清明, 中秋 with 国庆
    assert "中秋节、国庆节" in text


def test_staff_cannot_import(login, staff):
    client = login(staff)
    response = client.post(reverse("clocks:calendar"), {"file": _upload(CSV_2027)})
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_admin_imports_a_year_and_it_is_audited(login, admin_user):
    client = login(admin_user)
    response = client.post(
        reverse("clocks:calendar"),
        {"file": _upload(CSV_2027), "source": "国办发明电〔2026〕1号"},
    )
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"
    assert HolidayDay.objects.get(day=dt.date(2027, 2, 6)).kind == "work"
    assert (
        AuditEvent.objects.filter(action="calendar.year_set")
        .latest("seq")
        .changes["year"]
        == 2027
    )
    year_page = client.get(
        reverse("clocks:calendar-year", args=[2027])
    ).content.decode()
    assert "已公布" in year_page


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("h.csv", "day,kind\n2027-01-01,off\n", "表头"),
        ("h.csv", "date,kind,name\n2027-13-01,off,元旦\n", "第 2 行日期无效"),
        ("h.csv", "date,kind,name\n2027-01-04,work,x\n", "不能设为调休上班日"),
        (
            "h.json",
            '{"days": [{"date": "2027-01-01", "kind": "holiday"}]}',
            "off（放假）或 work",
        ),
        ("h.json", "{not json", "JSON 格式错误"),
        ("h.txt", "date,kind\n", "只接受 .csv 或 .json 文件"),
        ("h.csv", "date,kind,name\n", "没有任何日期"),
    ],
)
def test_bad_files_get_a_chinese_message_and_change_nothing(
    login, admin_user, name, text, message
):
    client = login(admin_user)
    response = client.post(reverse("clocks:calendar"), {"file": _upload(text, name)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_non_utf8_file_is_refused(login, admin_user):
    client = login(admin_user)
    upload = SimpleUploadedFile(
        "h.csv", "date,kind,name\n2027-01-01,off,元旦\n".encode("gbk")
    )
    response = client.post(reverse("clocks:calendar"), {"file": upload})
    assert "UTF-8" in response.content.decode()
