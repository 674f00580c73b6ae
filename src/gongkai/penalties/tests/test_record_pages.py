"""The workbench pages both kinds share (views/records.py): each kind's run of an
import links to its own error file, list and import page, and names its error file
after the kind."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.tabular import write_xlsx
from gongkai.penalties.licences.fields import BY_CODE as LICENCE_CODES
from gongkai.penalties.models import ImportRun, LicenceImportRun
from gongkai.penalties.tests.factories import record
from gongkai.penalties.tests.licence_factories import licence_record
from gongkai.penalties.tests.test_importing import sheet

pytestmark = pytest.mark.django_db


def _licence_sheet(rows):
    codes = list(dict.fromkeys(c for r in rows for c in r))
    headers = [LICENCE_CODES[c].label for c in codes]
    return write_xlsx(headers, [[r.get(c) for c in codes] for r in rows])


KINDS = {
    "penalty": ("penalties-staff:", "penalty-list", ImportRun, record, sheet,
                "CF_XDR_SHXYM", "penalty-import"),
    "licence": ("penalties-staff:licence-", "licence-list", LicenceImportRun,
                licence_record, _licence_sheet, "XK_XDR_SHXYM", "licence-import"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(KINDS))
def test_a_run_links_to_its_own_kind(login, staff, name):
    prefix, list_name, run_model, raw, to_sheet, uscc, file_prefix = KINDS[name]
    c = login(staff)
    upload = SimpleUploadedFile(
        "x.xlsx", to_sheet([raw(), raw(**{uscc: "91350100M000100Y44"})])
    )
    response = c.post(
        reverse(prefix + "import"), {"file": upload, "department": staff.department_id}
    )
    run = run_model.objects.get()
    assert response.url == reverse(prefix + "import-detail", args=[run.pk])
    html = c.get(response.url).content.decode()
    errors_url = reverse(prefix + "import-errors", args=[run.pk])
    assert f'href="{errors_url}"' in html and f'href="{errors_url}?format=csv"' in html
    assert f'href="{reverse("penalties-staff:" + list_name)}"' in html
    assert f'href="{reverse(prefix + "import")}"' in html
    assert reverse(prefix + "import-status", args=[run.pk]) in html
    page = c.get(reverse(prefix + "import")).content.decode()
    assert f'href="{response.url}"' in page  # the recent runs link to their detail
    download = c.get(errors_url, {"format": "csv"})
    assert download["Content-Disposition"] == (
        f'attachment; filename="{file_prefix}-{run.pk}-errors.csv"'
    )
