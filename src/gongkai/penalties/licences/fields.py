"""The 双公示 行政许可 data items (licences.rules docstring) and extra columns.

Pure data, in the shape of ``penalties.fields`` (FieldSpec): exchange code, exact label,
model attribute, kind, required. Import accepts the code, the label or an alias.
"""

from __future__ import annotations

from ..fields import FieldSpec, _key

# fmt: off
LICENCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("XK_XDR_MC", "行政相对人名称", "party_name", "text", True, 200,
              aliases=("申请人", "申请人名称", "企业名称")),
    FieldSpec("XK_XDR_LB", "行政相对人类别", "party_category", "enum", True),
    FieldSpec("XK_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）", "uscc", "uscc",
              aliases=("统一社会信用代码", "行政相对人代码_1")),
    FieldSpec("XK_XDR_GSZC", "行政相对人代码_2（工商注册号）", "reg_number", "text",
              max_length=50, aliases=("工商注册号", "行政相对人代码_2")),
    FieldSpec("XK_XDR_ZZJG", "行政相对人代码_3（组织机构代码）", "org_code", "text",
              max_length=20, aliases=("组织机构代码", "行政相对人代码_3")),
    FieldSpec("XK_XDR_SWDJ", "行政相对人代码_4（税务登记号）", "tax_number", "text",
              max_length=50, aliases=("税务登记号", "行政相对人代码_4")),
    FieldSpec("XK_XDR_SYDW", "行政相对人代码_5（事业单位证书号）", "institution_number",
              "text", max_length=50, aliases=("事业单位证书号", "行政相对人代码_5")),
    FieldSpec("XK_XDR_SHZZ", "行政相对人代码_6（社会组织登记证号）", "social_org_number",
              "text", max_length=50, aliases=("社会组织登记证号", "行政相对人代码_6")),
    FieldSpec("XK_FRDB", "法定代表人", "legal_rep", "text", max_length=50,
              aliases=("法定代表人（负责人）",)),
    FieldSpec("XK_FR_ZJLX", "法定代表人证件类型", "legal_rep_id_type", "enum"),
    FieldSpec("XK_FR_ZJHM", "法定代表人证件号码", "legal_rep_id_number", "text",
              max_length=50),
    FieldSpec("XK_XDR_ZJLX", "证件类型", "party_id_type", "enum",
              aliases=("证件类型（自然人）",)),
    FieldSpec("XK_XDR_ZJHM", "证件号码", "party_id_number", "text", max_length=50,
              aliases=("证件号码（自然人）",)),
    FieldSpec("XK_XKWS", "行政许可决定文书名称", "document_name", "text", True, 64,
              aliases=("决定文书名称", "许可决定书名称")),
    FieldSpec("XK_WSH", "行政许可决定文书号", "decision_number", "text", True, 64,
              aliases=("决定文书号", "许可决定书文号", "文书号")),
    FieldSpec("XK_XKLB", "许可类别", "licence_category", "enum", True),
    FieldSpec("XK_XKZS", "许可证书名称", "certificate_name", "text", max_length=64,
              aliases=("证书名称",)),
    FieldSpec("XK_XKBH", "许可编号", "certificate_number", "text", max_length=64,
              aliases=("许可证书编号", "证书编号", "许可证编号")),
    FieldSpec("XK_NR", "许可内容", "content", "longtext", True),
    FieldSpec("XK_JDRQ", "许可决定日期", "decided_on", "date", True,
              aliases=("决定日期",)),
    FieldSpec("XK_YXQZ", "有效期自", "valid_from", "date", True),
    FieldSpec("XK_YXQJZ", "有效期至", "valid_until", "date", True),
    FieldSpec("XK_XKJG", "许可机关", "authority", "text", True, 200),
    FieldSpec("XK_XKJGDM", "许可机关统一社会信用代码", "authority_uscc", "uscc", True),
    FieldSpec("XK_ZT", "当前状态", "state", "state"),
    FieldSpec("XK_LYDW", "数据来源单位", "source_unit", "text", True, 200),
    FieldSpec("XK_LYDWDM", "数据来源单位统一社会信用代码", "source_unit_uscc", "uscc",
              True),
    FieldSpec("BZ", "备注", "remarks", "longtext"),
)
# fmt: on

BY_CODE: dict[str, FieldSpec] = {f.code: f for f in LICENCE_FIELDS}
# Input columns: 当前状态 is derived (licences.rules.current_state), never typed.
INPUT_FIELDS: tuple[FieldSpec, ...] = tuple(
    f for f in LICENCE_FIELDS if f.kind != "state"
)
_HEADER_INDEX: dict[str, FieldSpec] = {}
for _f in INPUT_FIELDS:
    for _name in (_f.code, _f.label, *_f.aliases):
        _HEADER_INDEX[_key(_name)] = _f


def licence_field_for_header(header: str) -> FieldSpec | None:
    """The data item a column header names (code, exact label or alias), or None."""
    return _HEADER_INDEX.get(_key(header))
