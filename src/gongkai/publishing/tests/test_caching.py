"""The page token's declarations: modules declare their windows and content models;
``content_changed`` moves the token for writes that send no signal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.documents.models import Document
from gongkai.penalties.models import Penalty
from gongkai.publishing import caching
from gongkai.registers.models import Entry

pytestmark = pytest.mark.django_db


def test_every_module_declares_its_windows_once():
    registered = caching._windows()
    assert (Document, "publish_at", "unpublish_at") in registered
    assert (Penalty, "publish_at", "unpublish_at") in registered
    assert (Entry, "publish_at", "unpublish_at") in registered
    assert len(registered) == len(set(registered))


def test_next_window_change_is_one_statement():
    now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    with CaptureQueriesContext(connection) as queries:
        caching.next_window_change(now)
    assert len(queries) == 1
    sql = queries[0]["sql"]
    for model in (Document, Penalty, Entry):
        assert model._meta.db_table in sql


def test_content_changed_moves_the_token():
    token, _until = caching.page_token()
    caching.content_changed()
    assert caching.page_token()[0] != token
