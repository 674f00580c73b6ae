"""Scoring of the self-check (RULES.md §5.1): veto, deductions with caps, pass mark."""

import pytest

from gongkai.oversight.rules import INDICATORS, indicators, score, severity

TABLE = indicators()


@pytest.mark.parametrize(
    ("keys", "points", "passed", "vetoed"),
    [
        ([], 100.0, True, ()),
        (["links.dead"] * 3, 97.0, True, ()),
        (["links.dead"] * 9, 95.0, True, ()),  # capped at 5
        (["freshness.stale_column"] * 4, 92.0, True, ()),
        # 国办秘函〔2019〕19号: ≥ 5 stale columns is 单项否决
        (["freshness.stale_column"] * 5, 90.0, False, ("freshness.stale_column",)),
        (["freshness.blank_column"] * 5, 90.0, False, ("freshness.blank_column",)),
        (["interaction.unanswered"], 100.0, False, ("interaction.unanswered",)),
        # below 60 is 不合格 without any veto
        (
            ["links.dead"] * 5
            + ["footer.missing"] * 3
            + ["interaction.late"] * 10
            + ["content.interpretation_late"] * 5
            + ["content.penalty_late"] * 10
            + ["content.budget_late"] * 2,
            49.0,
            False,
            (),
        ),  # 5+6+10+10+10+10
    ],
)
def test_score(keys, points, passed, vetoed):
    s = score(keys, TABLE)
    assert (s.score, s.passed, s.vetoed) == (points, passed, vetoed)


def test_newmedia_silence_vetoes_the_accounts_not_the_website():
    s = score(["newmedia.silent"], TABLE)
    assert s.passed and s.newmedia_vetoed and s.score == 100.0


def test_configured_weights_replace_the_defaults():
    table = indicators({"links.dead": {"per": 10, "cap": 50}, "x.new": {"per": 3}})
    assert score(["links.dead"] * 2, table).score == 80.0
    assert score(["x.new"], table).score == 97.0
    assert len(table) == len(INDICATORS) + 1


def test_unknown_indicator_is_listed_without_points():
    s = score(["other.thing"], TABLE)
    assert s.score == 100.0 and any(r.key == "other.thing" for r in s.rows)


@pytest.mark.parametrize(
    ("key", "count", "expected"),
    [
        ("freshness.stale_column", 4, "deduction"),
        ("freshness.stale_column", 5, "veto"),
        ("links.dead", 50, "deduction"),
        ("interaction.unanswered", 1, "veto"),
    ],
)
def test_severity_escalates_at_the_veto_threshold(key, count, expected):
    assert severity(key, count, TABLE) == expected
