"""The 双公示 行政处罚 data items (RULES.md §3.2) and this platform's extra columns.

Pure data: each item has its exchange code (the column name of the 信用中国 exchange
format), its exact label, the model attribute that holds it, its kind and whether it is
required. Import accepts either the code or the label (or a listed alias) as a header.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    code: str
    label: str
    attr: str
    kind: str  # text | longtext | enum | types | uscc | money | date
    required: bool = False
    max_length: int = 0
    exchange: bool = True  # a column of the national exchange format
    aliases: tuple[str, ...] = ()


# fmt: off
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("CF_XDR_MC", "行政相对人名称", "party_name", "text", True, 200,
              aliases=("当事人名称", "当事人", "企业名称")),
    FieldSpec("CF_XDR_LB", "行政相对人类别", "party_category", "enum", True,
              aliases=("当事人类别",)),
    FieldSpec("CF_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）", "uscc", "uscc",
              aliases=("统一社会信用代码", "行政相对人代码_1")),
    FieldSpec("CF_XDR_GSZC", "行政相对人代码_2（工商注册号）", "reg_number", "text",
              max_length=50, aliases=("工商注册号", "行政相对人代码_2")),
    FieldSpec("CF_XDR_ZZJG", "行政相对人代码_3（组织机构代码）", "org_code", "text",
              max_length=20, aliases=("组织机构代码", "行政相对人代码_3")),
    FieldSpec("CF_XDR_SWDJ", "行政相对人代码_4（税务登记号）", "tax_number", "text",
              max_length=50, aliases=("税务登记号", "行政相对人代码_4")),
    FieldSpec("CF_XDR_SYDW", "行政相对人代码_5（事业单位证书号）", "institution_number",
              "text", max_length=50, aliases=("事业单位证书号", "行政相对人代码_5")),
    FieldSpec("CF_XDR_SHZZ", "行政相对人代码_6（社会组织登记证号）", "social_org_number",
              "text", max_length=50, aliases=("社会组织登记证号", "行政相对人代码_6")),
    FieldSpec("CF_FRDB", "法定代表人", "legal_rep", "text", max_length=50,
              aliases=("法定代表人（负责人）",)),
    FieldSpec("CF_FR_ZJLX", "法定代表人证件类型", "legal_rep_id_type", "enum"),
    FieldSpec("CF_FR_ZJHM", "法定代表人证件号码", "legal_rep_id_number", "text",
              max_length=50),
    FieldSpec("CF_XDR_ZJLX", "证件类型", "party_id_type", "enum",
              aliases=("证件类型（自然人）",)),
    FieldSpec("CF_XDR_ZJHM", "证件号码", "party_id_number", "text", max_length=50,
              aliases=("证件号码（自然人）",)),
    FieldSpec("CF_WSH", "行政处罚决定书文号", "decision_number", "doc_number", True, 128,
              aliases=("决定书文号", "处罚决定书文号")),
    FieldSpec("CF_WFXW", "违法行为类型", "violation_type", "longtext", True),
    FieldSpec("CF_SY", "违法事实", "facts", "longtext", True),
    FieldSpec("CF_YJ", "处罚依据", "basis", "longtext", True),
    FieldSpec("CF_CFLB", "处罚类别", "penalty_types", "types", True),
    FieldSpec("CF_NR", "处罚内容", "content", "longtext", True),
    FieldSpec("CF_NR_FK", "罚款金额（万元）", "fine_amount", "money",
              aliases=("罚款金额",)),
    FieldSpec("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）",
              "confiscated_amount", "money", aliases=("没收金额（万元）", "没收金额")),
    FieldSpec("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", "licence_affected", "text",
              max_length=200),
    FieldSpec("CF_JDRQ", "处罚决定日期", "decided_on", "date", True,
              aliases=("决定日期",)),
    FieldSpec("CF_YXQ", "处罚有效期", "valid_until", "date"),
    FieldSpec("CF_GSJZQ", "公示截止期", "publicity_until", "date"),
    FieldSpec("CF_CFJG", "处罚机关", "authority", "text", True, 200),
    FieldSpec("CF_CFJGDM", "处罚机关统一社会信用代码", "authority_uscc", "uscc", True),
    FieldSpec("CF_SJLY", "数据来源单位", "source_unit", "text", True, 200),
    FieldSpec("CF_SJLYDM", "数据来源单位统一社会信用代码", "source_unit_uscc", "uscc",
              True),
    FieldSpec("BZ", "备注", "remarks", "longtext"),
    # Columns of this platform, not of the exchange format.
    FieldSpec("JDS_QW", "行政处罚决定书正文", "decision_text", "longtext",
              exchange=False, aliases=("决定书正文", "决定书全文")),
    FieldSpec("XDR_DZ", "当事人地址", "party_address", "text", max_length=300,
              exchange=False, aliases=("地址", "住所")),
    FieldSpec("HYLY", "行业领域", "sector", "enum", exchange=False,
              aliases=("领域",)),
    FieldSpec("XZQX", "限制期限至", "restriction_until", "date", exchange=False,
              aliases=("限制期限截止日期",)),
)
# fmt: on

BY_CODE: dict[str, FieldSpec] = {f.code: f for f in FIELDS}
BY_ATTR: dict[str, FieldSpec] = {f.attr: f for f in FIELDS}
EXCHANGE_FIELDS: tuple[FieldSpec, ...] = tuple(f for f in FIELDS if f.exchange)


def _key(text: str) -> str:
    # Headers typed by hand vary in width and brackets: compare a folded form.
    table = str.maketrans({"(": "（", ")": "）", " ": "", "\u3000": "", "*": ""})
    return text.strip().upper().translate(table)


_HEADER_INDEX: dict[str, FieldSpec] = {}
for _f in FIELDS:
    for _name in (_f.code, _f.label, *_f.aliases):
        _HEADER_INDEX[_key(_name)] = _f


def field_for_header(header: str) -> FieldSpec | None:
    """The data item a column header names (code, exact label or alias), or None."""
    return _HEADER_INDEX.get(_key(header))
