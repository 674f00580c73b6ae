"""The demonstration data: the 2017 plan with its fourteen tasks and units."""

import datetime as dt
from io import StringIO

import pytest

from gongkai.accounts import demo as accounts_demo
from gongkai.oversight import demo
from gongkai.oversight.models import CheckRun, MediaPost, WorkPlan

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 5, 2, tzinfo=dt.UTC)


def test_demo_loads_the_2017_plan_and_records():
    accounts_demo.load(now=NOW, out=StringIO())
    demo.load(now=NOW, out=StringIO())
    plan = WorkPlan.objects.get(year=2017)
    tasks = plan.tasks.filter(is_guarantee=False)
    assert tasks.count() == 14
    assert all(t.units.exists() for t in tasks)
    assert tasks.get(number=4).units.get().department.name == "计财科技处"
    post = MediaPost.objects.get()
    assert post.status == "published" and post.final_review
    run = CheckRun.objects.get()
    # the office's Weibo account has never posted: the 2-week alarm
    assert "newmedia.silent" in [f["indicator"] for f in run.findings]
    demo.load(now=NOW, out=StringIO())  # runs again without duplicating
    assert WorkPlan.objects.count() == 1 and MediaPost.objects.count() == 1
