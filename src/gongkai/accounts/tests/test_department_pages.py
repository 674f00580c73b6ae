"""A department's new name reaches the cached public pages that show it."""

import pytest

from gongkai.govservices.tests.factories import published

pytestmark = pytest.mark.django_db


def test_renaming_a_department_renews_the_pages_naming_it(
    client, staff, reviewer, department
):
    item = published(department=department, author=staff, reviewer=reviewer)
    url = item.get_absolute_url()
    first = client.get(url)
    assert department.name in first.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    department.name = "计量处（更名）"
    department.save()
    assert "计量处（更名）" in client.get(url).content.decode()
