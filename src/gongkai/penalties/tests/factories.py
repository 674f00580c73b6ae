"""Raw penalty records (cells keyed by exchange code) and penalty rows in any status."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import factory

from gongkai.accounts.tests.factories import DepartmentFactory, UserFactory
from gongkai.penalties.models import Penalty
from gongkai.publishing.choices import Status

AUTHORITY_USCC = "11330700099033995K"
ORG_USCCS = [
    "91350100M000100Y43",
    "91110000600037341L",
    "9115220107837941X1",
    "91310115MA1K3BTP2B",
]
# Far from the numbers tests write by hand (〔2026〕101号 …), whatever ran before.
_seq = itertools.count(10_001)


def record(**overrides: Any) -> dict[str, Any]:
    """A valid 双公示 record of an enterprise fined 2 万元 on 2026-09-18."""
    n = next(_seq)
    base: dict[str, Any] = {
        "CF_XDR_MC": f"福州市第{n}食品有限公司",
        "CF_XDR_LB": "法人及非法人组织",
        "CF_XDR_SHXYM": ORG_USCCS[n % len(ORG_USCCS)],
        "CF_FRDB": "陈某",
        "CF_WSH": f"闽质监罚字〔2026〕{n}号",
        "CF_WFXW": "生产销售不合格产品",
        "CF_SY": "经抽样检验，当事人生产的电线电缆导体电阻不合格。",
        "CF_YJ": "《中华人民共和国产品质量法》第四十九条",
        "CF_CFLB": "罚款；没收违法所得",
        "CF_NR": "罚款人民币2万元，没收违法所得0.3万元。",
        "CF_NR_FK": "2",
        "CF_NR_WFFF": "0.3",
        "CF_JDRQ": "2026-09-18",
        "CF_CFJG": "福建省质量技术监督局",
        "CF_CFJGDM": AUTHORITY_USCC,
        "CF_SJLY": "福建省质量技术监督局",
        "CF_SJLYDM": AUTHORITY_USCC,
        "JDS_QW": "福建省质量技术监督局行政处罚决定书。当事人生产不合格产品，决定罚款。"
        "如不服本决定，可在六十日内申请行政复议，或者在六个月内提起行政诉讼。",
        "XDR_DZ": "福州市鼓楼区某路1号",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def person_record(**overrides: Any) -> dict[str, Any]:
    """A natural person fined; the ID number and address must never be public."""
    values: dict[str, Any] = {
        "CF_XDR_MC": "王某某",
        "CF_XDR_LB": "自然人",
        "CF_XDR_SHXYM": None,
        "CF_FRDB": None,
        "CF_XDR_ZJLX": "身份证",
        "CF_XDR_ZJHM": "11010519491231002X",
        "XDR_DZ": "福州市仓山区某小区3栋502室",
        "CF_CFLB": "罚款",
        "CF_NR": "罚款人民币0.5万元。",
        "CF_NR_FK": "0.5",
        "CF_NR_WFFF": None,
    }
    values.update(overrides)
    return record(**values)


class PenaltyFactory(factory.django.DjangoModelFactory):
    """A penalty row set up directly (no clock, no revision) for list and page tests."""

    class Meta:
        model = Penalty

    party_name = factory.Sequence(lambda n: f"厦门市第{n}机械有限公司")
    party_category = "organisation"
    uscc = "91350100M000100Y43"
    legal_rep = "林某"
    decision_number = factory.Sequence(lambda n: f"闽质监罚字〔2025〕{n + 1}号")
    violation_type = "生产不合格产品"
    facts = "经查，当事人生产的产品不合格。"
    basis = "产品质量法第四十九条"
    penalty_types = ",fine,"
    content = "罚款2万元"
    fine_amount = Decimal("2")
    decided_on = dt.date(2026, 9, 18)
    valid_until = dt.date(2029, 9, 18)
    publicity_until = dt.date(2029, 9, 18)
    authority = "福建省质量技术监督局"
    authority_uscc = AUTHORITY_USCC
    source_unit = "福建省质量技术监督局"
    source_unit_uscc = AUTHORITY_USCC
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(
        UserFactory, department=factory.SelfAttribute("..department")
    )
    status = Status.DRAFT
