"""Redefining a register's fields: entries migrate, or the change is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.common.errors import InvalidInputError
from gongkai.common.models import AuditEvent
from gongkai.registers.models import Entry, RegisterField
from gongkai.registers.rules import FieldDef, field_sources, migrate_values
from gongkai.registers.services import (
    FieldInput,
    entry_attach,
    entry_create,
    register_define,
)

# ---------------------------------------------------------------- pure rules

OLD = [
    FieldDef("name", "名称", "text", True),
    FieldDef("day", "日期", "text"),
    FieldDef("grade", "等级", "enum", False, ("甲", "乙")),
    FieldDef("memo", "备注", "text", public=False),
]
BY_KEY = {f.key: f for f in OLD}


@pytest.mark.parametrize(
    ("new", "renames", "data", "values", "problems"),
    [
        # a rename keeps the value under the new key
        ([FieldDef("title", "名称", "text", True)], {"title": "name"},
         {"name": "甲厂"}, {"title": "甲厂"}, []),
        # text -> date: the value is checked and stored canonical
        ([FieldDef("name", "名称", "text"), FieldDef("day", "日期", "date")], {},
         {"name": "甲厂", "day": "2026/9/1"}, {"name": "甲厂", "day": "2026-09-01"}, []),
        # text -> date with a value that is no date: refused, value named
        ([FieldDef("name", "名称", "text"), FieldDef("day", "日期", "date")], {},
         {"name": "甲厂", "day": "九月"}, {"name": "甲厂"},
         [("日期", "“九月”不能改为日期：日期“九月”无效，应为 2026-09-18 这样的格式")]),
        # an option removed that an entry uses
        ([FieldDef("name", "名称", "text"), FieldDef("grade", "等级", "enum", False, ("甲",))],
         {}, {"name": "x", "grade": "乙"}, {"name": "x"},
         [("等级", "“乙”不能改为枚举：“乙”不是可选值，应为：甲")]),
        # removing a field that holds a value loses it
        ([FieldDef("name", "名称", "text")], {}, {"name": "x", "memo": "内部"},
         {"name": "x"}, [("备注", "删除此字段会丢失已填写的内容")]),
        # removing an empty field is fine
        ([FieldDef("name", "名称", "text")], {}, {"name": "x"}, {"name": "x"}, []),
        # a new required field that the entry lacks
        ([FieldDef("name", "名称", "text"), FieldDef("area", "地区", "text", True)], {},
         {"name": "x"}, {"name": "x"}, [("地区", "必填项为空（新定义要求必填）")]),
        # a non-public field made public is scanned for personal data
        ([FieldDef("name", "名称", "text"), FieldDef("memo", "备注", "text")], {},
         {"name": "x", "memo": "联系 13812345678"}, {"name": "x"},
         [("备注", "含有个人信息，不能改为公开")]),
    ],
)  # fmt: skip
def test_migrate_values(new, renames, data, values, problems):
    sources, removed, wrong = field_sources(OLD, new, renames)
    assert wrong == []
    got, why = migrate_values(
        data, old=BY_KEY, new=new, sources=sources, removed=removed
    )
    assert (got, why) == (values, problems)


def test_one_old_field_cannot_become_two():
    new = [FieldDef("a", "甲", "text"), FieldDef("b", "乙", "text")]
    _s, _r, wrong = field_sources(OLD, new, {"a": "name", "b": "name"})
    assert wrong == ["原字段“name”不能同时对应“a”和“b”两个字段。"]


def test_two_fields_swapping_names_keep_their_values():
    new = [FieldDef("day", "名称", "text"), FieldDef("name", "日期", "text")]
    sources, removed, _w = field_sources(OLD, new, {"day": "name", "name": "day"})
    got, why = migrate_values(
        {"name": "甲厂", "day": "九月"},
        old=BY_KEY, new=new, sources=sources, removed=removed,
    )  # fmt: skip
    assert (got, why) == ({"day": "甲厂", "name": "九月"}, [])


# ---------------------------------------------------------------- service


def define(admin, *fields):
    return register_define(
        slug="meters", title="计量器具", by=admin, fields=list(fields)
    )


BASE = [
    FieldInput("name", "器具名称", "text", required=True, is_title=True, is_key=True),
    FieldInput("checked", "检定日期", "text"),
    FieldInput("memo", "内部备注", "text", public=False),
]


@pytest.mark.django_db
def test_rename_and_retype_migrate_every_entry_and_are_audited(admin_user, staff):
    register = define(admin_user, *BASE)
    for name, day in (("电能表", "2026/9/1"), ("衡器", "2026年9月2日")):
        entry_create(register=register, record={"name": name, "checked": day},
                     department=staff.department, by=staff)  # fmt: skip
    define(
        admin_user,
        FieldInput("title", "器具名称", "text", required=True, is_title=True,
                   is_key=True, old_key="name"),
        FieldInput("checked_on", "检定日期", "date", old_key="checked"),
        FieldInput("memo", "内部备注", "text", public=False),
        FieldInput("area", "地区", "text"),
    )  # fmt: skip
    data = dict(Entry.objects.values_list("title", "data"))
    assert data == {
        "电能表": {"title": "电能表", "checked_on": "2026-09-01"},
        "衡器": {"title": "衡器", "checked_on": "2026-09-02"},
    }
    assert set(Entry.objects.values_list("key", flat=True)) == {"电能表", "衡器"}
    event = AuditEvent.objects.filter(action="register.redefine").get()
    assert event.changes["renamed"] == {"title": "name", "checked_on": "checked"}
    assert event.changes["entries_migrated"] == 2


@pytest.mark.django_db
def test_a_change_that_would_lose_or_break_data_is_refused_and_nothing_changes(
    admin_user, staff
):
    register = define(admin_user, *BASE)
    entry_create(register=register, record={"name": "电能表", "checked": "九月初",
                 "memo": "待复检"}, department=staff.department, by=staff)  # fmt: skip
    with pytest.raises(InvalidInputError) as refused:
        define(admin_user, BASE[0], FieldInput("checked", "检定日期", "date"))
    message = str(refused.value.message)
    assert message.startswith("已有条目不能按新定义保留，名录定义未修改：")
    assert "“电能表”检定日期：“九月初”不能改为日期" in message
    assert "“电能表”内部备注：删除此字段会丢失已填写的内容" in message
    keys = list(RegisterField.objects.filter(register=register).values_list("key", flat=True))  # fmt: skip
    assert keys == ["name", "checked", "memo"]
    assert Entry.objects.get().data["checked"] == "九月初"


@pytest.mark.django_db
def test_attachments_follow_a_renamed_file_field_and_block_its_removal(
    admin_user, staff
):
    register = define(admin_user, *BASE, FieldInput("report", "报告", "file"))
    entry = entry_create(register=register, record={"name": "电能表"},
                         department=staff.department, by=staff)  # fmt: skip
    entry_attach(entry=entry, field_key="report", by=staff,
                 upload=SimpleUploadedFile("r.pdf", b"%PDF-1.4"))  # fmt: skip
    with pytest.raises(InvalidInputError, match="已有 1 个附件"):
        define(admin_user, *BASE)
    define(admin_user, *BASE, FieldInput("pdf", "报告", "file", old_key="report"))
    assert list(entry.files.values_list("field_key", flat=True)) == ["pdf"]


@pytest.mark.django_db
def test_a_key_that_becomes_ambiguous_is_refused(admin_user, staff):
    fields = [
        FieldInput("name", "器具名称", "text", required=True, is_key=True),
        FieldInput("model", "型号", "text", is_key=True),
    ]
    register = define(admin_user, *fields)
    for model in ("A", "B"):
        entry_create(register=register, record={"name": "电能表", "model": model},
                     department=staff.department, by=staff)  # fmt: skip
    with pytest.raises(InvalidInputError, match="按新的唯一标识有重复条目"):
        define(admin_user, fields[0], FieldInput("model", "型号", "text"))
    assert RegisterField.objects.filter(
        register=register, key="model", is_key=True
    ).exists()


@pytest.mark.django_db
def test_redefine_page_renames_through_the_hidden_old_key(login, admin_user, staff):
    register = define(admin_user, *BASE)
    entry_create(register=register, record={"name": "电能表", "checked": "2026-09-01"},
                 department=staff.department, by=staff)  # fmt: skip
    c = login(admin_user)
    html = c.get("/workbench/registers/meters/define/").content.decode()
    assert 'type="hidden" name="form-0-old_key" value="name"' in html
    post = {
        "title": "计量器具", "slug": "meters",
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2",
        "form-0-old_key": "name", "form-0-key": "device", "form-0-label": "器具名称",
        "form-0-kind": "text", "form-0-required": "on", "form-0-is_key": "on",
        "form-0-is_title": "on", "form-0-public": "on", "form-0-listed": "on",
        "form-1-old_key": "checked", "form-1-key": "checked", "form-1-label": "检定日期",
        "form-1-kind": "date", "form-1-public": "on",
    }  # fmt: skip
    response = c.post("/workbench/registers/meters/define/", post)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Entry.objects.get().data == {"device": "电能表", "checked": "2026-09-01"}
    # a refusal is shown on the page, not a 500
    post["form-1-kind"], post["form-1-required"] = "money", "on"
    html = c.post("/workbench/registers/meters/define/", post).content.decode()
    assert "不能改为金额（元）" in html
