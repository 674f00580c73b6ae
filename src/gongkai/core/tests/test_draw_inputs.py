"""Input validation of dsr-draw/1, task side (DRAW.md §2.4, §5, §6.3, §13).

Each row mutates the public vector's input in one way and names the stable error
code (and the JSON path) the draw must stop with. Invalid input stops the draw
before a commit is built (§3); nothing is repaired. Record-level rejections (§3, §4,
§6.1, §7.1, §14) are in ``test_draw_records``.
"""

from __future__ import annotations

import json

import pytest

from gongkai.core.draw import ERROR_CODES, DrawInputError, draw, load_json, verify

from .test_draw_records import RECORD_REJECTIONS
from .test_draw_support import (
    VECTOR_PATH,
    Mutation,
    drop,
    put,
    task,
    vector,
    vector_input,
)

TASK_REJECTIONS: list[tuple[str, Mutation, str, str]] = [
    # §2.4 profile: floats, safe integers, booleans are not integers, ASCII keys
    (
        "float target_count",
        task(target_count=10.0),
        "float_not_allowed",
        "$.task.target_count",
    ),
    ("float in meta", task(meta={"x": 0.5}), "float_not_allowed", "$.task.meta.x"),
    (
        "float risk weight",
        put(1.5, "task", "risk_weights", "A"),
        "float_not_allowed",
        "$.task.risk_weights.A",
    ),
    (
        "integer 2^53",
        task(target_count=2**53),
        "integer_out_of_range",
        "$.task.target_count",
    ),
    (
        "integer -2^53 in meta",
        task(meta={"n": -(2**53)}),
        "integer_out_of_range",
        "$.task.meta.n",
    ),
    (
        "true as target_count",
        task(target_count=True),
        "boolean_not_integer",
        "$.task.target_count",
    ),
    (
        "false as team_size",
        task(team_size=False),
        "boolean_not_integer",
        "$.task.team_size",
    ),
    (
        "true as drand round",
        put(True, "task", "beacon", "round"),
        "boolean_not_integer",
        "$.task.beacon.round",
    ),
    ("non-ASCII key in meta", task(meta={"部门": "x"}), "key_not_ascii", "$.task.meta"),
    ("lone surrogate", task(task_id="T\ud800"), "lone_surrogate", "$.task.task_id"),
    # §13 protocol identifier
    (
        "dsr-draw/2",
        task(protocol="dsr-draw/2"),
        "unsupported_protocol",
        "$.task.protocol",
    ),
    ("protocol missing", drop("task", "protocol"), "missing_field", "$.task.protocol"),
    # §5 task parameters
    ("unknown task field", task(seed_hint=1), "unknown_field", "$.task.seed_hint"),
    ("task_id missing", drop("task", "task_id"), "missing_field", "$.task.task_id"),
    ("beacon missing", drop("task", "beacon"), "missing_field", "$.task.beacon"),
    ("hash_alg sha1", task(hash_alg="sha1"), "unknown_hash_alg", "$.task.hash_alg"),
    (
        "hash_alg upper case",
        task(hash_alg="SHA256"),
        "unknown_hash_alg",
        "$.task.hash_alg",
    ),
    ("mode secret", task(mode="secret"), "invalid_mode", "$.task.mode"),
    ("target_count -1", task(target_count=-1), "out_of_range", "$.task.target_count"),
    (
        "target_count string",
        task(target_count="10"),
        "wrong_type",
        "$.task.target_count",
    ),
    ("team_size 1", task(team_size=1), "out_of_range", "$.task.team_size"),
    ("team_size 0", task(team_size=0), "out_of_range", "$.task.team_size"),
    (
        "negative slack",
        task(capacity_slack=-1),
        "out_of_range",
        "$.task.capacity_slack",
    ),
    (
        "negative reserves",
        task(reserve_per_stratum=-1),
        "out_of_range",
        "$.task.reserve_per_stratum",
    ),
    ("negative max_probes", task(max_probes=-1), "out_of_range", "$.task.max_probes"),
    (
        "risk weight > 10^6",
        put(1_000_001, "task", "risk_weights", "A"),
        "out_of_range",
        "$.task.risk_weights.A",
    ),
    (
        "risk weight < 0",
        put(-1, "task", "risk_weights", "A"),
        "out_of_range",
        "$.task.risk_weights.A",
    ),
    (
        "risk class not a code",
        put(1, "task", "risk_weights", "A|B"),
        "invalid_code",
        "$.task.risk_weights.A|B",
    ),
    (
        "risk weights not object",
        task(risk_weights=[1]),
        "wrong_type",
        "$.task.risk_weights",
    ),
    (
        "eligible risk class unweighted",
        drop("task", "risk_weights", "B"),
        "missing_risk_weight",
        "$.task.risk_weights",
    ),
    (
        "stratify region first",
        task(stratify_by=["region", "risk"]),
        "invalid_stratify_by",
        "$.task.stratify_by",
    ),
    (
        "stratify wrong order",
        task(stratify_by=["risk", "industry", "region"]),
        "invalid_stratify_by",
        "$.task.stratify_by",
    ),
    (
        "stratify empty",
        task(stratify_by=[]),
        "invalid_stratify_by",
        "$.task.stratify_by",
    ),
    (
        "stratify repeated",
        task(stratify_by=["risk", "risk"]),
        "invalid_stratify_by",
        "$.task.stratify_by",
    ),
    (
        "stratify by status",
        task(stratify_by=["risk", "status"]),
        "invalid_stratify_by",
        "$.task.stratify_by",
    ),
    (
        "cutoff 30 Feb",
        task(exclude_inspected_on_or_after="2025-02-30"),
        "invalid_date",
        "$.task.exclude_inspected_on_or_after",
    ),
    (
        "cutoff unpadded",
        task(exclude_inspected_on_or_after="2025-2-3"),
        "invalid_date",
        "$.task.exclude_inspected_on_or_after",
    ),
    (
        "cutoff full-width digits",
        task(exclude_inspected_on_or_after="２０２５-12-01"),
        "invalid_date",
        "$.task.exclude_inspected_on_or_after",
    ),
    (
        "cutoff with time",
        task(exclude_inspected_on_or_after="2025-12-01T00:00"),
        "invalid_date",
        "$.task.exclude_inspected_on_or_after",
    ),
    ("meta not object", task(meta=["x"]), "wrong_type", "$.task.meta"),
    (
        "supersedes bad hash",
        task(supersedes={"commit_hash": "AB" * 32, "reason": "x"}),
        "invalid_hex",
        "$.task.supersedes.commit_hash",
    ),
    (
        "supersedes empty reason",
        task(supersedes={"commit_hash": "ab" * 32, "reason": ""}),
        "invalid_text",
        "$.task.supersedes.reason",
    ),
    (
        "supersedes extra field",
        task(supersedes={"commit_hash": "ab" * 32, "reason": "r", "by": "x"}),
        "unknown_field",
        "$.task.supersedes.by",
    ),
    ("task_id empty", task(task_id=""), "invalid_text", "$.task.task_id"),
    ("task_id 129 chars", task(task_id="x" * 129), "invalid_text", "$.task.task_id"),
    ("task_id control char", task(task_id="T\n1"), "invalid_text", "$.task.task_id"),
    ("task_id C1 control", task(task_id="T\x851"), "invalid_text", "$.task.task_id"),
    # §6.3 beacon
    (
        "beacon type nist",
        task(beacon={"type": "nist", "pulse": 1}),
        "invalid_beacon",
        "$.task.beacon",
    ),
    (
        "beacon both forms",
        put([], "task", "beacon", "draws"),
        "unknown_field",
        "$.task.beacon.draws",
    ),
    (
        "drand chain_hash upper",
        put("AB" * 32, "task", "beacon", "chain_hash"),
        "invalid_hex",
        "$.task.beacon.chain_hash",
    ),
    (
        "drand chain_hash short",
        put("ab" * 31, "task", "beacon", "chain_hash"),
        "invalid_hex",
        "$.task.beacon.chain_hash",
    ),
    (
        "drand round 0",
        put(0, "task", "beacon", "round"),
        "out_of_range",
        "$.task.beacon.round",
    ),
    (
        "lottery no draws",
        task(beacon={"type": "lottery", "draws": []}),
        "invalid_beacon",
        "$.task.beacon.draws",
    ),
    (
        "lottery issue too long",
        task(beacon={"type": "lottery", "draws": [{"game": "g", "issue": "9" * 65}]}),
        "invalid_text",
        "$.task.beacon.draws[0].issue",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "code", "path"),
    [pytest.param(m, c, p, id=name) for name, m, c, p in TASK_REJECTIONS],
)
def test_invalid_input_is_rejected_with_its_code(
    mutation: Mutation, code: str, path: str
) -> None:
    data = vector_input()
    mutation(data)
    with pytest.raises(DrawInputError) as info:
        draw(data)
    assert (info.value.code, info.value.path) == (code, path), str(info.value)


# JSON text the parser must reject before anything is built (§2.4).
TEXT_REJECTIONS = [
    ("duplicate key", '{"a": 1, "a": 2}', "duplicate_key"),
    ("nested duplicate key", '{"a": {"b": 1, "b": 1}}', "duplicate_key"),
    ("float", '{"a": 1.0}', "float_not_allowed"),
    ("exponent", '{"a": 1e3}', "float_not_allowed"),
    ("NaN", '{"a": NaN}', "float_not_allowed"),
    ("Infinity", '{"a": -Infinity}', "float_not_allowed"),
    ("integer 2^53", '{"a": 9007199254740992}', "integer_out_of_range"),
    ("huge integer", '{"a": ' + "9" * 5000 + "}", "integer_out_of_range"),
    ("syntax", '{"a": 1,}', "invalid_json"),
    ("not UTF-8", b'{"a": "\xff"}', "invalid_json"),
]


@pytest.mark.parametrize(
    ("text", "code"), [pytest.param(t, c, id=n) for n, t, c in TEXT_REJECTIONS]
)
def test_json_text_is_read_strictly(text: str | bytes, code: str) -> None:
    with pytest.raises(DrawInputError) as info:
        load_json(text)
    assert info.value.code == code


# Nested past MAX_NESTING (64): refused before the parser recurses, so under any
# recursion limit (py_ecc raises it to 100,000, where 65,536 levels overflow the C
# stack). The closed 65 levels would parse; the refusal alone rejects them.
DEEP_TEXTS = [
    ("65 closed arrays", "[" * 65 + "]" * 65),
    ("100,000 open arrays", "[" * 100_000),
    ("5,000 nested objects", '{"a":' * 5_000 + "1" + "}" * 5_000),
    ("bytes", b"[" * 100_000),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in DEEP_TEXTS])
def test_json_text_nested_too_deep_is_refused_before_parsing(
    text: str | bytes,
) -> None:
    with pytest.raises(DrawInputError) as info:
        load_json(text)
    assert info.value.code == "invalid_json"
    assert info.value.detail == "nested deeper than 64"


def test_nesting_to_the_limit_and_brackets_in_strings_are_read() -> None:
    assert load_json("[" * 64 + "]" * 64) == json.loads("[" * 64 + "]" * 64)
    assert load_json('{"a": "' + "[" * 100 + '"}') == {"a": "[" * 100}


def test_largest_safe_integer_is_accepted() -> None:
    assert load_json('{"a": 9007199254740991, "b": -9007199254740991}') == {
        "a": 2**53 - 1,
        "b": -(2**53 - 1),
    }


def test_duplicate_key_in_the_vector_file_is_caught_at_parse_time() -> None:
    text = VECTOR_PATH.read_text(encoding="utf-8").replace(
        '"mode": "confidential"', '"mode": "confidential", "mode": "public"', 1
    )
    with pytest.raises(DrawInputError) as info:
        load_json(text)
    assert info.value.code == "duplicate_key"


def test_sm3_task_is_refused_when_unavailable(monkeypatch) -> None:
    monkeypatch.setattr("gongkai.core.draw.primitives.sm3_available", lambda: False)
    data = vector_input()
    data["task"]["hash_alg"] = "sm3"
    with pytest.raises(DrawInputError) as info:
        draw(data)
    assert info.value.code == "hash_unavailable"


def test_verify_of_invalid_bundle_is_an_input_error() -> None:
    for bundle in (
        {"expected": {}},
        {"input": vector_input()},
        {**vector(), "output": {}},
    ):
        with pytest.raises(DrawInputError) as info:
            verify(bundle)
        assert info.value.code == "invalid_bundle"


def test_every_error_code_is_exercised() -> None:
    tables = TASK_REJECTIONS + RECORD_REJECTIONS
    covered = {c for _, _, c, _ in tables} | {c for _, _, c in TEXT_REJECTIONS}
    covered |= {"hash_unavailable", "invalid_bundle"}
    assert covered == set(ERROR_CODES)


def test_error_messages_are_bilingual_and_carry_the_code() -> None:
    data = vector_input()
    data["task"]["team_size"] = 1
    with pytest.raises(DrawInputError) as info:
        draw(data)
    text = info.value.bilingual()
    assert "输入无效 [out_of_range]" in text and "invalid input [out_of_range]" in text
