"""The built-in registers of the 2017 work plan (tasks 4, 6, 7, 8, 9 and the leading
group), defined as data exactly as an administrator would define a new one. (Task 10's
intermediary services live in govservices, migration 0002 moved any entries.)

Each field: (key, label, kind, flags, options) with flags from
R required · K key (identity on import) · T title · F filterable · L listed.
"""

from __future__ import annotations

from typing import Any

# fmt: off
BUILTIN: list[dict[str, Any]] = [
    {"slug": "spot-checks", "title": "产品质量监督抽查结果", "order": 10,
     "basis": "产品质量法 第十五条、第二十四条；工作方案 第9项",
     "description": "省级产品质量监督抽查的产品、生产企业、检验结果和不合格项目。",
     "fields": [
        ("product", "产品名称", "text", "RTL", ""),
        ("producer", "生产企业", "text", "RL", ""),
        ("producer_uscc", "生产企业统一社会信用代码", "uscc", "", ""),
        ("brand", "商标", "text", "", ""),
        ("model", "规格型号", "text", "", ""),
        ("batch", "生产日期或批号", "text", "", ""),
        ("result", "抽查结果", "enum", "RFL", "合格、不合格"),
        ("failing_items", "不合格项目", "longtext", "", ""),
        ("inspecting_body", "承检机构", "text", "FL", ""),
        ("sampling_date", "抽样日期", "date", "RL", ""),
        ("report_no", "检验报告编号", "text", "RK", ""),
     ]},
    {"slug": "recalls", "title": "缺陷产品召回", "order": 20,
     "basis": "缺陷汽车产品召回管理条例 第十八条；消费品召回管理暂行规定",
     "description": "生产者实施的缺陷产品召回信息。",
     "fields": [
        ("recall_no", "召回编号", "text", "RKL", ""),
        ("product", "产品名称", "text", "RTL", ""),
        ("producer", "生产者", "text", "RL", ""),
        ("producer_uscc", "生产者统一社会信用代码", "uscc", "", ""),
        ("category", "产品类别", "enum", "F", "汽车产品、儿童用品、电子电器、家用电器、其他消费品"),
        ("defect", "缺陷情况", "longtext", "R", ""),
        ("scope", "召回范围及数量", "text", "", ""),
        ("measures", "召回措施", "longtext", "", ""),
        ("start_date", "召回开始日期", "date", "RL", ""),
        ("notice", "召回公告", "link", "", ""),
     ]},
    {"slug": "violations", "title": "质量违法行为记录", "order": 30,
     "basis": "工作方案 第8项",
     "description": "企业产品质量违法行为的记录。",
     "fields": [
        ("party", "企业名称", "text", "RTL", ""),
        ("uscc", "统一社会信用代码", "uscc", "L", ""),
        ("violation", "违法行为", "longtext", "RL", ""),
        ("handling", "处理结果", "longtext", "R", ""),
        ("decision_number", "处理文书编号", "text", "RK", ""),
        ("decided_on", "处理日期", "date", "RL", ""),
     ]},
    {"slug": "famous-brands", "title": "名牌产品", "order": 40,
     "basis": "工作方案 第7项",
     "description": "获评名牌产品的企业及产品、有效期。",
     "fields": [
        ("product", "产品名称", "text", "RTL", ""),
        ("enterprise", "企业名称", "text", "RL", ""),
        ("uscc", "统一社会信用代码", "uscc", "", ""),
        ("certificate_no", "证书编号", "text", "RK", ""),
        ("awarded_on", "认定日期", "date", "RL", ""),
        ("valid_until", "有效期至", "date", "L", ""),
     ]},
    {"slug": "geographical-indications", "title": "地理标志保护产品", "order": 50,
     "basis": "工作方案 第7项",
     "description": "已批准的地理标志保护产品及保护范围。",
     "fields": [
        ("name", "产品名称", "text", "RTKL", ""),
        ("region", "保护范围", "longtext", "R", ""),
        ("announcement", "批准公告号", "text", "L", ""),
        ("approved_on", "批准日期", "date", "L", ""),
        ("users", "核准使用企业", "longtext", "", ""),
     ]},
    {"slug": "enterprise-standards", "title": "企业标准自我声明公开", "order": 60,
     "basis": "标准化法 第二十七条；工作方案 第7项",
     "description": "企业自我声明公开的产品和服务标准。",
     "fields": [
        ("standard_no", "标准编号", "text", "RKL", ""),
        ("standard_name", "标准名称", "text", "RTL", ""),
        ("enterprise", "企业名称", "text", "RL", ""),
        ("uscc", "统一社会信用代码", "uscc", "", ""),
        ("declared_on", "声明日期", "date", "L", ""),
        ("link", "标准全文链接", "link", "", ""),
     ]},
    {"slug": "local-standards", "title": "地方标准", "order": 70,
     "basis": "标准化法 第十三条、第十七条；工作方案 第7项",
     "description": "本省地方标准及全文。",
     "fields": [
        ("standard_no", "标准编号", "text", "RKL", ""),
        ("name", "标准名称", "text", "RTL", ""),
        ("issued_on", "发布日期", "date", "L", ""),
        ("effective_on", "实施日期", "date", "L", ""),
        ("status", "状态", "enum", "RFL", "现行、即将实施、废止"),
        ("full_text", "标准全文", "file", "", ""),
     ]},
    {"slug": "overcapacity", "title": "产能严重过剩行业公告", "order": 80,
     "basis": "工作方案 第6项",
     "description": "化解产能严重过剩矛盾有关的企业名单和公告。",
     "fields": [
        ("title", "公告标题", "text", "RTL", ""),
        ("industry", "行业", "enum", "RFL", "钢铁、煤炭、水泥、平板玻璃、电解铝、船舶、其他"),
        ("doc_number", "文号", "text", "RK", ""),
        ("announced_on", "公告日期", "date", "RL", ""),
        ("content", "公告内容", "longtext", "R", ""),
     ]},
    {"slug": "fees", "title": "行政事业性收费项目及标准", "order": 90,
     "basis": "工作方案 第4项",
     "description": "本机关行政事业性收费项目、标准及依据。",
     "fields": [
        ("item", "收费项目", "text", "RTKL", ""),
        ("standard", "收费标准", "text", "RL", ""),
        ("amount", "金额（元）", "money", "L", ""),
        ("basis", "收费依据", "longtext", "R", ""),
        ("collector", "执收单位", "text", "L", ""),
        # 工作方案 第4项: the fee list next to the budget; the budget's non-tax
        # income line the fee is paid into (the 预决算 column links to it)
        ("income_line", "对应预算收入科目", "enum", "FL", "行政事业性收费收入、政府性基金收入、国有资源（资产）有偿使用收入、其他非税收入"),
     ]},
    {"slug": "leading-group", "title": "政务公开工作领导小组及分工", "order": 110,
     "basis": "工作方案 保障措施",
     "description": "政务公开工作领导小组成员及分工。",
     "fields": [
        ("name", "姓名", "text", "RTKL", ""),
        ("position", "职务", "text", "RL", ""),
        ("group_role", "小组职务", "enum", "RFL", "组长、副组长、成员"),
        ("duty", "分工", "longtext", "L", ""),
     ]},
]
# fmt: on


def field_rows(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """The RegisterField values of a built-in definition, in order."""
    rows = []
    for order, (key, label, kind, flags, options) in enumerate(definition["fields"]):
        rows.append(
            {
                "key": key,
                "label": label,
                "kind": kind,
                "required": "R" in flags,
                "is_key": "K" in flags,
                "is_title": "T" in flags,
                "filterable": "F" in flags,
                "listed": "L" in flags,
                "options": [o for o in options.split("、") if o],
                "order": order,
            }
        )
    return rows
