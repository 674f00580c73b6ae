"""publishing.services.revisions_record_many (added for bulk imports)."""

from __future__ import annotations

import pytest

from gongkai.penalties.tests.factories import PenaltyFactory
from gongkai.publishing.selectors import revisions_of
from gongkai.publishing.services import revisions_record_many

pytestmark = pytest.mark.django_db


def test_records_each_object_at_its_revision_number(staff):
    rows = [
        PenaltyFactory(author=staff, department=staff.department, revision=1),
        PenaltyFactory(author=staff, department=staff.department, revision=3),
    ]
    made = revisions_record_many(objs=rows, by=staff)
    assert [r.number for r in made] == [1, 3]
    (rev,) = revisions_of(rows[1])
    assert rev.number == 3 and rev.data["party_name"] == rows[1].party_name
    assert revisions_record_many(objs=[], by=staff) == []
