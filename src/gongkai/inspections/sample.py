"""Deterministic sample registries for the demo, the tests and the benchmarks."""

from __future__ import annotations

import random
from typing import Any

from gongkai.core.draw.fields import USCC_ALPHABET, uscc_check_char

# GB/T 2260 districts of 杭州 and GB/T 4754 industry codes, as in the public vector.
REGIONS = ["330102", "330105", "330106", "330108", "330109", "330110"]
# The demo bureau's province: districts of 福州 and 厦门 and 平潭综合实验区 (GB/T 2260).
FUJIAN_REGIONS = ["350102", "350103", "350104", "350111", "350128", "350203", "350206"]
CITY_OF = {"3501": "福州", "3502": "厦门"}
INDUSTRIES = ["C13", "C14", "C15", "F52", "H62", "C39"]
RISKS = ["A", "B", "C", "D"]
NAME_PARTS = ("华", "联", "新", "安", "鑫", "恒", "瑞", "达", "利", "源", "泰", "丰")
TRADES = {
    "C13": "食品加工",
    "C14": "食品制造",
    "C15": "饮料",
    "F52": "商贸",
    "H62": "餐饮管理",
    "C39": "电子科技",
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def uscc(n: int, *, region: str = "330100", category: str = "91") -> str:
    """A valid USCC for the integer ``n`` (GB 32100-2015 check character)."""
    body = ""
    for _ in range(9):
        body = USCC_ALPHABET[n % 31] + body
        n //= 31
    first17 = category + region + body
    return first17 + uscc_check_char(first17)


def targets(
    count: int, *, seed: int = 2026, regions: list[str] | None = None
) -> list[dict[str, Any]]:
    """``count`` realistic target records (with names) for the registry, in
    ``regions`` (default: the 杭州 districts of the public vector)."""
    regions = regions or REGIONS
    rng = random.Random(seed)  # noqa: S311 - sample data, not a draw
    out = []
    for n in range(count):
        region = rng.choice(regions)
        industry = rng.choice(INDUSTRIES)
        city = CITY_OF.get(region[:4], "平潭" if region == "350128" else "杭州")
        individual = rng.random() < 0.1
        code = uscc(
            n * 7919 + 101, region=region, category="92" if individual else "91"
        )
        name = (
            f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{TRADES[industry]}店"
            if individual
            else f"{city}{''.join(rng.sample(NAME_PARTS, 2))}{TRADES[industry]}有限公司"
        )
        out.append(
            {
                "uscc": code,
                "name": name,
                "region": region,
                "industry": industry,
                "risk": rng.choices(RISKS, weights=[50, 30, 15, 5])[0],
                "status": "active"
                if rng.random() < 0.93
                else rng.choice(["abnormal", "deregistered"]),
                "last_inspected": rng.choice(
                    [None, None, "2025-03-15", "2025-11-20", "2026-01-10"]
                ),
            }
        )
    return out


def inspectors(
    count: int, *, seed: int = 2026, regions: list[str] | None = None
) -> list[dict[str, Any]]:
    """``count`` inspector records: code, name, home region, qualifications."""
    regions = regions or REGIONS
    prefix = "ZF" + regions[0][:4]
    rng = random.Random(seed + 1)  # noqa: S311 - sample data, not a draw
    return [
        {
            "code": f"{prefix}{n:05d}",
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "home_region": rng.choice(regions),
            "quals": sorted(rng.sample(INDUSTRIES, rng.randint(3, 5))),
            "available": rng.random() < 0.95,
        }
        for n in range(count)
    ]
