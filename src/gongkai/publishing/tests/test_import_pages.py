"""The import pages every module shares (import_pages.py), as each module describes
them: a run links to its own error file, status and pages and names its error file
after its kind; who may not import is refused; a run is found only by those who
see it; a register's page imports into that register."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from openpyxl import load_workbook

from gongkai.core.tabular import write_xlsx
from gongkai.govservices.sheets import template_xlsx
from gongkai.penalties.licences.fields import BY_CODE as LICENCE_CODES
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.licence_factories import licence_record
from gongkai.penalties.tests.test_importing import sheet as penalty_sheet
from gongkai.registers.models import ImportRun as RegisterRun
from gongkai.registers.services import builtin_registers_ensure
from gongkai.registers.tests.factories import spot_row
from gongkai.registers.tests.test_importing import sheet as register_sheet

pytestmark = pytest.mark.django_db
USCC_BAD_CHECK_DIGIT = "91350100M000100Y44"
MESSAGE_HEADERS = ["留言编号", "类别", "标题", "留言内容", "收到时间"]


def _licences() -> bytes:
    rows = [licence_record(), licence_record(XK_XDR_SHXYM=USCC_BAD_CHECK_DIGIT)]
    codes = list(dict.fromkeys(c for r in rows for c in r))
    return write_xlsx(
        [LICENCE_CODES[c].label for c in codes],
        [[r.get(c) for c in codes] for r in rows],
    )


def _guides() -> bytes:
    """The template's example guide, and the same guide without a name."""
    sheet = load_workbook(BytesIO(template_xlsx("services"))).active
    assert sheet is not None
    headers, example = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    return write_xlsx(headers, [example, [None, *example[1:]]])


def _messages() -> bytes:
    return write_xlsx(
        MESSAGE_HEADERS,
        [["LS1", "咨询", "t", "b", "2026-11-02"], ["LS2", "咨询", "t", "b", "昨天"]],
    )


# kind: (URL names' prefix, import page's URL arguments, who imports, the file,
#        the form's other fields, the error file's name)
KINDS: dict[str, tuple[Any, ...]] = {
    "penalty": (
        "penalties-staff:", [], "staff",
        lambda: penalty_sheet([record(), record(CF_XDR_SHXYM=USCC_BAD_CHECK_DIGIT)]),
        {}, "penalty-import",
    ),
    "licence": (
        "penalties-staff:licence-", [], "staff", _licences, {}, "licence-import",
    ),
    "register": (
        "registers-staff:", ["spot-checks"], "staff",
        lambda: register_sheet([spot_row(1), spot_row(2, result="基本合格")]),
        {}, "register-import",
    ),
    "guides": (
        "govservices-staff:", [], "staff", _guides, {"kind": "services"},
        "govservices-import",
    ),
    "messages": (
        "participation-staff:", [], "reviewer", _messages, {"kind": "messages"},
        "participation-import",
    ),
}  # fmt: skip


def _import(request: Any, login: Any, name: str) -> tuple[Any, Any, str]:
    """Upload ``name``'s file as its importer: the client, the user, the run's URL."""
    prefix, args, who, data, fields, *_ = KINDS[name]
    builtin_registers_ensure()
    user = request.getfixturevalue(who)
    c = login(user)
    upload = SimpleUploadedFile("x.xlsx", data())
    response = c.post(
        reverse(prefix + "import", args=args),
        {"department": user.department_id, "file": upload, **fields},
    )
    assert response.status_code == 302, response.content.decode()
    return c, user, response.url


@pytest.mark.parametrize("name", list(KINDS))
def test_a_run_links_to_its_own_kind(request, login, name):
    prefix, args, _who, _data, _fields, file_prefix = KINDS[name]
    c, _user, url = _import(request, login, name)
    pk = int(url.rstrip("/").rsplit("/", 1)[1])
    assert url == reverse(prefix + "import-detail", args=[pk])
    html = c.get(url).content.decode()
    errors_url = reverse(prefix + "import-errors", args=[pk])
    assert f'href="{errors_url}"' in html and f'href="{errors_url}?format=csv"' in html
    # Every run's page polls its progress: a file queued for the worker shows
    # "排队中" until the page learns it is done (govservices' did not poll).
    assert f'data-status-url="{reverse(prefix + "import-status", args=[pk])}"' in html
    assert c.get(url + "status/").json()["failed"] == 1
    page = c.get(reverse(prefix + "import", args=args)).content.decode()
    assert f'href="{url}"' in page  # the recent runs link to their detail
    download = c.get(errors_url, {"format": "csv"})
    assert download["Content-Disposition"] == (
        f'attachment; filename="{file_prefix}-{pk}-errors.csv"'
    )


@pytest.mark.parametrize("name", list(KINDS))
def test_rejected_rows_past_the_first_hundred_are_on_further_pages(
    request, login, name
):
    c, user, url = _import(request, login, name)
    pages = resolve(url).kwargs["pages"]
    run = pages.runs_visible_to(user).get(pk=resolve(url).kwargs["pk"])
    run.errors.model.objects.bulk_create(
        run.errors.model(run=run, row=1000 + n, problems=[["x", "错"]], cells=[])
        for n in range(150)
    )
    first = c.get(url).content.decode()
    assert "第 1 页，共 2 页" in first and 'href="?page=2"' in first
    second = c.get(url, {"page": 2}).content.decode()
    assert "第 2 页，共 2 页" in second and "1149" not in first and "1149" in second


@pytest.mark.parametrize("name", list(KINDS))
def test_who_may_not_import_is_refused(client, login, auditor, staff, name):
    prefix, args, who, *_ = KINDS[name]
    builtin_registers_ensure()
    page = reverse(prefix + "import", args=args)
    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert login(auditor).get(page).status_code == 403
    if who == "reviewer":  # only the office imports history
        denied = login(staff).get(page)
        assert denied.status_code == 403
        assert "只有公开办可以导入" in denied.content.decode()


@pytest.mark.parametrize("name", list(KINDS))
def test_a_run_is_not_found_by_those_who_do_not_see_it(
    request, login, other_staff, name
):
    _c, _user, url = _import(request, login, name)
    other = login(other_staff)
    for suffix in ("", "errors/", "status/"):
        assert other.get(url + suffix).status_code == 404


@pytest.mark.parametrize("name", ["penalty", "register", "guides"])
@pytest.mark.parametrize(
    "chosen",
    # Another department's, then values no form sends (they were a 500).
    ["other", "", "abc", "1.5", "-1", "１", "²", "9" * 19, "9" * 40],
)
def test_an_upload_without_one_of_the_users_departments_is_refused(
    login, staff, other_department, name, chosen
):
    prefix, args, _who, data, fields, *_ = KINDS[name]
    builtin_registers_ensure()
    response = login(staff).post(
        reverse(prefix + "import", args=args),
        {
            "department": other_department.pk if chosen == "other" else chosen,
            "file": SimpleUploadedFile("x.xlsx", data()),
            **fields,
        },
    )
    assert response.status_code == 200 and "请选择处室" in response.content.decode()


def test_a_registers_page_imports_into_it_and_lists_only_its_runs(request, login):
    c, _user, url = _import(request, login, "register")
    run = RegisterRun.objects.get()
    assert run.register.slug == "spot-checks"
    assert (
        f'href="{url}"'
        not in c.get(
            reverse("registers-staff:import", args=["recalls"])
        ).content.decode()
    )
    assert c.get(reverse("registers-staff:import", args=["nope"])).status_code == 404
