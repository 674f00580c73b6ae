"""The API paths issue 13 names answer with the same views as /api/v1/participation/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["consultations", "meetings", "messages", "proposals", "incidents"]
)
def test_short_prefixes_serve_the_same_lists(client, name):
    short = client.get(f"/api/v1/{name}/")
    long = client.get(f"/api/v1/participation/{name}/")
    assert short.status_code == long.status_code == 200
    assert short.json() == long.json()


def test_message_stats_stay_staff_only_under_the_short_prefix(client):
    assert client.get("/api/v1/messages/stats/").status_code in (401, 403)
