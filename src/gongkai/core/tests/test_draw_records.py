"""Input validation of dsr-draw/1, record side (DRAW.md §3, §4, §6.1, §7.1, §14).

Rejections of snapshot records, identifiers, the secret, the beacon randomness and
contributions, each with its stable error code and JSON path; then the edge cases
the specification accepts (USCC canonical forms, conflict pairs naming nobody).
"""

from __future__ import annotations

import json

import pytest

from gongkai.core.draw import DrawInputError, canonical_uscc, draw, load_json, verify
from gongkai.core.draw.primitives import HashProfile, enc

from .test_draw_support import (
    BAD_CHECK,
    LOTTERY,
    TARGET,
    Mutation,
    add_target,
    both,
    drop,
    dup_first,
    make_uscc,
    put,
    task,
    vector,
    vector_input,
)

SHA = HashProfile.for_alg("sha256")

RECORD_REJECTIONS: list[tuple[str, Mutation, str, str]] = [
    # §4 records and §3 identifiers
    (
        "unknown target field",
        put("x", "targets", 0, "name"),
        "unknown_field",
        "$.targets[0].name",
    ),
    (
        "target field missing",
        drop("targets", 0, "last_inspected"),
        "missing_field",
        "$.targets[0].last_inspected",
    ),
    (
        "USCC check character",
        add_target(uscc=BAD_CHECK),
        "invalid_uscc",
        "$.targets[40].uscc",
    ),
    (
        "USCC with letter O",
        add_target(uscc="91350100MO00100Y43"),
        "invalid_uscc",
        "$.targets[40].uscc",
    ),
    (
        "USCC 17 characters",
        add_target(uscc="91350100M000100Y4"),
        "invalid_uscc",
        "$.targets[40].uscc",
    ),
    (
        "USCC inner space",
        add_target(uscc="91350100M 000100Y43"),
        "invalid_uscc",
        "$.targets[40].uscc",
    ),
    (
        "USCC not a string",
        add_target(uscc=91350100),
        "wrong_type",
        "$.targets[40].uscc",
    ),
    ("duplicate USCC", dup_first("targets"), "duplicate_uscc", "$.targets[40].uscc"),
    (
        "region too long",
        put("3" * 33, "targets", 0, "region"),
        "invalid_code",
        "$.targets[0].region",
    ),
    (
        "region empty",
        put("", "targets", 0, "region"),
        "invalid_code",
        "$.targets[0].region",
    ),
    (
        "industry with bar",
        put("F5|2", "targets", 0, "industry"),
        "invalid_code",
        "$.targets[0].industry",
    ),
    (
        "status with space",
        put("in active", "targets", 0, "status"),
        "invalid_code",
        "$.targets[0].status",
    ),
    (
        "last_inspected bad",
        put("20250101", "targets", 0, "last_inspected"),
        "invalid_date",
        "$.targets[0].last_inspected",
    ),
    ("targets not a list", put({}, "targets"), "wrong_type", "$.targets"),
    (
        "duplicate inspector",
        dup_first("inspectors"),
        "duplicate_inspector",
        "$.inspectors[8].id",
    ),
    (
        "inspector id 65 chars",
        put("Z" * 65, "inspectors", 0, "id"),
        "invalid_text",
        "$.inspectors[0].id",
    ),
    (
        "inspector available 1",
        put(1, "inspectors", 0, "available"),
        "wrong_type",
        "$.inspectors[0].available",
    ),
    (
        "inspector quals string",
        put("C14", "inspectors", 0, "quals"),
        "wrong_type",
        "$.inspectors[0].quals",
    ),
    (
        "inspector qual bad code",
        put(["C14", "C 1"], "inspectors", 0, "quals"),
        "invalid_code",
        "$.inspectors[0].quals[1]",
    ),
    (
        "unknown inspector field",
        put("x", "inspectors", 0, "name"),
        "unknown_field",
        "$.inspectors[0].name",
    ),
    (
        "coi pair of three",
        put([["ZF1", TARGET["uscc"], "x"]], "coi"),
        "wrong_type",
        "$.coi[0]",
    ),
    ("coi bad USCC", put([["ZF1", BAD_CHECK]], "coi"), "invalid_uscc", "$.coi[0][1]"),
    ("coi empty id", put([["", TARGET["uscc"]]], "coi"), "invalid_text", "$.coi[0][0]"),
    # §6.1 secret, §7.1 beacon randomness, §6.2/§14 contributions
    ("unknown input field", put(1, "extra"), "unknown_field", "$.extra"),
    ("coi missing", drop("coi"), "missing_field", "$.coi"),
    (
        "secret missing in confidential",
        put(None, "secret_hex"),
        "invalid_secret",
        "$.secret_hex",
    ),
    ("secret in public mode", task(mode="public"), "invalid_secret", "$.secret_hex"),
    ("secret 31 bytes", put("ab" * 31, "secret_hex"), "invalid_hex", "$.secret_hex"),
    ("secret upper case", put("AB" * 32, "secret_hex"), "invalid_hex", "$.secret_hex"),
    ("secret odd length", put("abc", "secret_hex"), "invalid_hex", "$.secret_hex"),
    (
        "B empty",
        put("", "beacon_randomness_hex"),
        "invalid_hex",
        "$.beacon_randomness_hex",
    ),
    (
        "B 1025 bytes",
        put("ab" * 1025, "beacon_randomness_hex"),
        "invalid_hex",
        "$.beacon_randomness_hex",
    ),
    (
        "drand B 16 bytes",
        put("ab" * 16, "beacon_randomness_hex"),
        "invalid_beacon_randomness",
        "$.beacon_randomness_hex",
    ),
    (
        "lottery B not a key string",
        both(task(beacon=LOTTERY), put("ab" * 8, "beacon_randomness_hex")),
        "invalid_beacon_randomness",
        "$.beacon_randomness_hex",
    ),
    (
        "lottery B descending",
        both(task(beacon=LOTTERY), put(b"9.3./".hex(), "beacon_randomness_hex")),
        "invalid_beacon_randomness",
        "$.beacon_randomness_hex",
    ),
    (
        "lottery B leading zero",
        both(task(beacon=LOTTERY), put(b"03.9./".hex(), "beacon_randomness_hex")),
        "invalid_beacon_randomness",
        "$.beacon_randomness_hex",
    ),
    (
        "contribution without value or commitment",
        put([{"id": "n", "value_hex": None}], "contributions"),
        "invalid_contribution",
        "$.contributions[0]",
    ),
    (
        "contribution 65 bytes",
        put([{"id": "n", "value_hex": "ab" * 65}], "contributions"),
        "invalid_hex",
        "$.contributions[0].value_hex",
    ),
    (
        "contribution empty value",
        put([{"id": "n", "value_hex": ""}], "contributions"),
        "invalid_hex",
        "$.contributions[0].value_hex",
    ),
    (
        "contribution short commitment",
        put([{"id": "n", "value_hex": "ab", "commitment_hex": "ab"}], "contributions"),
        "invalid_hex",
        "$.contributions[0].commitment_hex",
    ),
    (
        "contribution unknown field",
        put([{"id": "n", "value_hex": "ab", "note": 1}], "contributions"),
        "unknown_field",
        "$.contributions[0].note",
    ),
    (
        "duplicate contributor",
        put(
            [{"id": "n", "value_hex": "ab"}, {"id": "n", "value_hex": "cd"}],
            "contributions",
        ),
        "duplicate_contributor",
        "$.contributions[1].id",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "code", "path"),
    [pytest.param(m, c, p, id=name) for name, m, c, p in RECORD_REJECTIONS],
)
def test_invalid_record_is_rejected_with_its_code(
    mutation: Mutation, code: str, path: str
) -> None:
    data = vector_input()
    mutation(data)
    with pytest.raises(DrawInputError) as info:
        draw(data)
    assert (info.value.code, info.value.path) == (code, path), str(info.value)


def test_duplicate_usccs_after_canonicalisation_are_one_target() -> None:
    data = vector_input()
    first = data["targets"][0]["uscc"]
    data["targets"].append({**data["targets"][0], "uscc": f" {first.lower()} "})
    with pytest.raises(DrawInputError) as info:
        draw(data)
    assert info.value.code == "duplicate_uscc"


# ------------------------------------------------------ accepted edge cases


@pytest.mark.parametrize(
    "raw",
    [
        "91350100M000100Y43",
        "91350100m000100y43",
        " 91350100M000100Y43\t",
        "９１３５０１００Ｍ０００１００Ｙ４３",  # full-width, NFKC → ASCII
        "\u300091350100M000100Y43\u3000",  # ideographic space: NFKC → U+0020, stripped
    ],
)
def test_uscc_canonical_form(raw: str) -> None:
    assert canonical_uscc(raw) == "91350100M000100Y43"


def test_uscc_structure_beyond_the_check_character_is_not_checked() -> None:
    # §3: "No other structure is checked" — letters where GB 32100 puts a region code.
    odd = make_uscc(12345, prefix="9AXXXX")
    assert canonical_uscc(odd) == odd


def test_conflict_pairs_naming_nobody_are_accepted() -> None:
    data = vector_input()
    data["coi"].append(["NOBODY", make_uscc(99)])
    out = draw(data)
    assert out["commit"]["coi_count"] == 4  # a leaf like any other, bound by coi_root
    assert verify({"input": data, "output": out}).ok


def test_duplicate_conflict_pairs_are_dropped() -> None:
    data = vector_input()
    data["coi"].append(list(data["coi"][0]))
    assert draw(data) == vector()["expected"]


def test_unweighted_risk_class_without_eligible_targets_is_fine() -> None:
    # §5: only risk classes with an eligible target must be weighted.
    data = vector_input()
    data["targets"].append({**TARGET, "risk": "Z", "status": "deregistered"})
    out = draw(data)
    row = next(s for s in out["result"]["strata"] if s["stratum"].startswith("Z|"))
    assert (row["eligible"], row["weight"], row["allocated"]) == (0, 0, 0)


def test_numbers_in_the_input_json_file_are_not_mangled() -> None:
    doc = load_json(json.dumps(vector(), ensure_ascii=False))
    assert draw(doc["input"]) == vector()["expected"]


def test_lottery_beacon_with_an_rfc3797_key_string_draws() -> None:
    # §7.1 example: 双色球 red balls ascending, then the blue ball.
    data = vector_input()
    data["task"]["beacon"] = LOTTERY
    data["beacon_randomness_hex"] = b"3.9.14.21.27.30./11./".hex()
    out = draw(data)
    assert out["commit"]["beacon"] == LOTTERY
    assert out["result"]["beacon_randomness"] == b"3.9.14.21.27.30./11./".hex()


def test_contributions_revealed_unrevealed_and_mismatched() -> None:
    # §7.2/§14: unrevealed and non-opening values are listed with a null value and
    # left out of the seed; revealed ones enter it sorted by id.
    task_id = vector_input()["task"]["task_id"]

    def commitment(cid: str, value: bytes) -> str:
        return SHA.h(enc("DSR-CONTRIB", task_id, cid, value)).hex()

    data = vector_input()
    data["contributions"] = [
        {"id": "纪检", "value_hex": "22" * 32},  # revealed, commitment computed
        {
            "id": "notary",
            "value_hex": None,
            "commitment_hex": commitment("notary", b"x"),
        },
        {"id": "ent", "value_hex": "33", "commitment_hex": commitment("ent", b"\x34")},
        {
            "id": "auditor",
            "value_hex": "44",
            "commitment_hex": commitment("auditor", b"D"),
        },
    ]
    out = draw(data)
    assert out["result"]["contributions"] == [
        {"id": "auditor", "value": "44"},
        {"id": "ent", "value": None},
        {"id": "notary", "value": None},
        {"id": "纪检", "value": "22" * 32},
    ]
    assert [c["id"] for c in out["commit"]["contributor_commitments"]] == [
        "auditor",
        "ent",
        "notary",
        "纪检",
    ]
    commit_hash = bytes.fromhex(out["result"]["commit_hash"])
    seed = SHA.prf(
        bytes.fromhex(data["secret_hex"]),
        "DSR-SEED",
        commit_hash,
        bytes.fromhex(data["beacon_randomness_hex"]),
        "auditor",
        b"D",
        "纪检",
        b"\x22" * 32,
    )
    assert out["seed"] == seed.hex()
    assert verify({"input": data, "output": out}).ok


def test_public_mode_keys_the_seed_with_zero_bytes() -> None:
    data = vector_input()
    data["task"]["mode"] = "public"
    data["secret_hex"] = None
    out = draw(data)
    assert out["commit"]["secret_commitment"] is None
    seed = SHA.prf(
        bytes(32),
        "DSR-SEED",
        bytes.fromhex(out["result"]["commit_hash"]),
        bytes.fromhex(data["beacon_randomness_hex"]),
    )
    assert out["seed"] == seed.hex()


def test_secret_commitment_of_the_vector() -> None:
    data = vector_input()
    expected = SHA.h(
        enc(
            "DSR-SECRET-COMMIT",
            data["task"]["task_id"],
            bytes.fromhex(data["secret_hex"]),
        )
    )
    assert vector()["expected"]["commit"]["secret_commitment"] == expected.hex()
