"""The annual report's tables (国办公开办函〔2021〕30号) and their consistency rules.

条例 第四十九条、第五十条: every department publishes last year's report by 31 January.
The 2021 format (RULES.md §2) has table T2 (主动公开, four sub-tables by 条例 第二十条
item), T3 (requests: seven applicant columns, rows 一, 二, the result rows of 三 and 四)
and T4 (review and litigation, 15 columns). Labels here are the official ones; the JSON
form of a report (:func:`report_to_json`) uses them as keys.

Consistency rules (RULES.md §2.3, §2.4), checked by :func:`check_report`:

* T3, per column c: 一[c] + 二[c] == （七）总计[c] + 四[c]; （七）[c] == sum of the
  result leaf rows; 总计 column == 自然人 + the five 法人或其他组织 columns; all cells
  non-negative integers.
* T4: each 总计 == the sum of the four before it.
* Cross-year: 四 of year Y-1 == 二 of year Y; T2 现行有效件数(Y) == 现行有效件数(Y-1)
  + 本年制发件数(Y) - 本年废止件数(Y).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# -- T3 columns: 申请人情况 ----------------------------------------------------------
COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
COLUMN_KEYS = tuple(key for key, _label in COLUMNS)
COLUMN_LABELS = dict(COLUMNS)
ORG_GROUP = "法人或其他组织"
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# -- T3 rows: (key, label, group label or "") in official order ----------------------
RESULTS = "三、本年度办理结果"
WITHHELD, UNABLE = "（三）不予公开", "（四）无法提供"
NOT_PROCESSED, OTHER = "（五）不予处理", "（六）其他处理"
# fmt: off
T3_ROWS: tuple[tuple[str, str, str], ...] = (
    ("new", "一、本年新收政府信息公开申请数量", ""),
    ("carried_in", "二、上年结转政府信息公开申请数量", ""),
    ("disclosed", "（一）予以公开", RESULTS),
    ("partly", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", RESULTS),
    ("withheld.state_secret", "1.属于国家秘密", WITHHELD),
    ("withheld.law_prohibits", "2.其他法律行政法规禁止公开", WITHHELD),
    ("withheld.security", "3.危及“三安全一稳定”", WITHHELD),
    ("withheld.third_party", "4.保护第三方合法权益", WITHHELD),
    ("withheld.internal", "5.属于三类内部事务信息", WITHHELD),
    ("withheld.process", "6.属于四类过程性信息", WITHHELD),
    ("withheld.enforcement_file", "7.属于行政执法案卷", WITHHELD),
    ("withheld.query", "8.属于行政查询事项", WITHHELD),
    ("unable.not_held", "1.本机关不掌握相关政府信息", UNABLE),
    ("unable.needs_creation", "2.没有现成信息需要另行制作", UNABLE),
    ("unable.still_unclear", "3.补正后申请内容仍不明确", UNABLE),
    ("not_processed.petition", "1.信访举报投诉类申请", NOT_PROCESSED),
    ("not_processed.repeated", "2.重复申请", NOT_PROCESSED),
    ("not_processed.publication", "3.要求提供公开出版物", NOT_PROCESSED),
    ("not_processed.excessive", "4.无正当理由大量反复申请", NOT_PROCESSED),
    ("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息", NOT_PROCESSED),
    ("other.correction_lapsed",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER),
    ("other.fee_unpaid",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", OTHER),
    ("other.other", "3.其他", OTHER),
    ("total", "（七）总计", RESULTS),
    ("carried_out", "四、结转下年度继续办理", ""),
)
# fmt: on
ROW_LABELS = {key: label for key, label, _group in T3_ROWS}
ROW_GROUPS = {key: group for key, _label, group in T3_ROWS}
RESULT_ROWS = tuple(k for k, _l, g in T3_ROWS if g and k != "total")  # 21 leaves
# The 22 result rows of 三 (21 leaves and （七）总计), each labelled "组/行".
RESULT_ROW_KEYS = (*RESULT_ROWS, "total")


def row_path(key: str) -> str:
    """The official label of a result row with its group, e.g. "不予公开/属于国家秘密"."""
    group, label = ROW_GROUPS[key], ROW_LABELS[key]
    if group in (WITHHELD, UNABLE, NOT_PROCESSED, OTHER):
        return f"{group[3:]}/{label.split('.', 1)[1]}"
    return label[3:].split("（", 1)[0] if label.startswith("（") else label


# -- T4 ------------------------------------------------------------------------------
T4_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)
T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
LITIGATION = "行政诉讼"

# -- T2 ------------------------------------------------------------------------------
T2_TABLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "行政规范性文件"),
    ),
    ("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
)

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

T3Table = dict[str, list[int]]  # row key -> 7 column values
T4Table = dict[str, dict[str, int]]  # group key -> result key (+ "total") -> value


@dataclass(frozen=True)
class Problem:
    """A failed consistency rule, in words for the office."""

    table: str
    text: str


def empty_t3() -> T3Table:
    """A T3 with every cell 0."""
    return {key: [0] * len(COLUMNS) for key, _label, _group in T3_ROWS}


def complete_t3(table: T3Table) -> T3Table:
    """Fill the derived cells: the 总计 column and the （七）总计 row."""
    out = {key: list(values) for key, values in table.items()}
    for values in out.values():
        values[-1] = sum(values[:-1])
    out["total"] = [sum(out[k][c] for k in RESULT_ROWS) for c in range(len(COLUMNS))]
    return out


def check_t3(table: T3Table) -> list[Problem]:
    """The T3 rules of RULES.md §2.3."""
    problems: list[Problem] = []
    t = "T3"
    for key, _label, _group in T3_ROWS:
        values = table.get(key)
        if values is None or len(values) != len(COLUMNS):
            problems.append(Problem(t, f"缺少行或列：{ROW_LABELS[key]}"))
            continue
        for c, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(
                    Problem(t, f"{ROW_LABELS[key]}/{COLUMNS[c][1]}：必须是非负整数")
                )
    if problems:
        return problems
    for key, _label, _group in T3_ROWS:
        values = table[key]
        if values[-1] != sum(values[:-1]):
            problems.append(
                Problem(
                    t,
                    f"{ROW_LABELS[key]}：总计 {values[-1]} ≠ 各列之和 "
                    f"{sum(values[:-1])}",
                )
            )
    for c, (_key, col) in enumerate(COLUMNS):
        leaves = sum(table[k][c] for k in RESULT_ROWS)
        if table["total"][c] != leaves:
            problems.append(
                Problem(
                    t,
                    f"{col}：（七）总计 {table['total'][c]} ≠ 各办理结果之和 {leaves}",
                )
            )
        left = table["new"][c] + table["carried_in"][c]
        right = table["total"][c] + table["carried_out"][c]
        if left != right:
            problems.append(
                Problem(
                    t, f"{col}：一 + 二 = {left}，（七）总计 + 四 = {right}，不相等"
                )
            )
    return problems


def check_t4(table: T4Table) -> list[Problem]:
    """Each 总计 of T4 equals the sum of the four results before it (RULES.md §2.4)."""
    problems: list[Problem] = []
    for group, label in T4_GROUPS:
        cells = table.get(group, {})
        values = [cells.get(k) for k, _l in T4_RESULTS] + [cells.get("total")]
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
            problems.append(Problem("T4", f"{label}：每格必须是非负整数"))
            continue
        if sum(values[:-1]) != values[-1]:  # type: ignore[arg-type]
            problems.append(Problem("T4", f"{label}：总计 {values[-1]} ≠ 四项之和"))
    return problems


def check_cross_year(
    previous: Mapping[str, Any], current: Mapping[str, Any]
) -> list[Problem]:
    """四 of last year's report equals 二 of this year's; T2 现行有效件数 carries on."""
    problems: list[Problem] = []
    before, now = previous["t3"]["carried_out"], current["t3"]["carried_in"]
    for c, (_key, col) in enumerate(COLUMNS):
        if before[c] != now[c]:
            problems.append(
                Problem(
                    "T3",
                    f"{col}：上年“结转下年度继续办理” {before[c]} ≠ "
                    f"本年“上年结转” {now[c]}",
                )
            )
    first = T2_TABLES[0][0]
    for row in T2_TABLES[0][2]:
        try:
            old = previous["t2"][first][row]["现行有效件数"]
            new = current["t2"][first][row]
            expected = old + new["本年制发件数"] - new["本年废止件数"]
            found = new["现行有效件数"]
        except (KeyError, TypeError):
            continue  # a hand-entered or imported year may lack T2
        if found != expected:
            problems.append(
                Problem(
                    "T2",
                    f"{row}：现行有效件数 {found} ≠ 上年 {old} + 制发 − 废止 "
                    f"= {expected}",
                )
            )
    return problems


def check_report(report: Mapping[str, Any]) -> list[Problem]:
    """Every consistency rule of one report (internal form, see :func:`report_from_json`)."""
    problems = check_t3(report["t3"]) + check_t4(report["t4"])
    for caption, columns, rows in T2_TABLES:
        for row in rows:
            for column in columns:
                value = report["t2"].get(caption, {}).get(row, {}).get(column)
                if (
                    not isinstance(value, int | float)
                    or isinstance(value, bool)
                    or value < 0
                ):
                    problems.append(
                        Problem("T2", f"{caption}/{row}/{column}：必须是非负数")
                    )
    return problems


# -- JSON form (official labels as keys) ---------------------------------------------
def _columns_to_json(values: Sequence[int]) -> dict[str, Any]:
    org = {COLUMNS[c][1]: values[c] for c in range(1, 6)}
    return {"自然人": values[0], ORG_GROUP: org, "总计": values[6]}


def _columns_from_json(cells: Mapping[str, Any]) -> list[int]:
    org = cells[ORG_GROUP]
    return [cells["自然人"], *(org[COLUMNS[c][1]] for c in range(1, 6)), cells["总计"]]


def t3_to_json(table: T3Table) -> dict[str, Any]:
    """T3 as nested official labels: rows → groups → applicant columns."""
    out: dict[str, Any] = {"说明": NOTE}
    results: dict[str, Any] = {}
    for key, label, group in T3_ROWS:
        cells = _columns_to_json(table[key])
        if not group:
            out[label] = cells
        elif group == RESULTS:
            results[label] = cells
        else:
            results.setdefault(group, {})[label] = cells
        if key == "carried_in":
            out[RESULTS] = results
    return out


def t3_from_json(data: Mapping[str, Any]) -> T3Table:
    """The inverse of :func:`t3_to_json`; also accepts （六）其他处理 as one row (→ 3.其他)."""
    table: T3Table = {}
    results = data[RESULTS]
    for key, label, group in T3_ROWS:
        if not group:
            table[key] = _columns_from_json(data[label])
        elif group == RESULTS:
            table[key] = _columns_from_json(results[label])
        elif group == OTHER and "自然人" in results[group]:
            # RULES §2.3: some reports print （六）其他处理 as a single row
            single = _columns_from_json(results[group])
            table[key] = single if key == "other.other" else [0] * len(COLUMNS)
        else:
            table[key] = _columns_from_json(results[group][label])
    return table


def t4_to_json(table: T4Table) -> dict[str, Any]:
    def cells(group: str) -> dict[str, int]:
        row = {label: table[group][key] for key, label in T4_RESULTS}
        return {**row, "总计": table[group]["total"]}

    return {
        "行政复议": cells("review"),
        LITIGATION: {label: cells(key) for key, label in T4_GROUPS[1:]},
    }


def t4_from_json(data: Mapping[str, Any]) -> T4Table:
    def row(cells: Mapping[str, Any]) -> dict[str, int]:
        out = {key: cells[label] for key, label in T4_RESULTS}
        return {**out, "total": cells["总计"]}

    table = {"review": row(data["行政复议"])}
    for key, label in T4_GROUPS[1:]:
        table[key] = row(data[LITIGATION][label])
    return table


def report_to_json(report: Mapping[str, Any]) -> dict[str, Any]:
    """A report in its published JSON form: section titles and table labels as keys."""
    prose = report.get("prose", {})
    return {
        "年度": report["year"],
        "报告单位": report.get("organ", ""),
        SECTIONS[0]: prose.get("overview", ""),
        SECTIONS[1]: report["t2"],
        SECTIONS[2]: t3_to_json(report["t3"]),
        SECTIONS[3]: t4_to_json(report["t4"]),
        SECTIONS[4]: prose.get("problems", ""),
        SECTIONS[5]: prose.get("other", ""),
    }


def report_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Read a report's JSON form back; raises ValueError naming what is missing."""
    try:
        return {
            "year": data["年度"],
            "organ": data.get("报告单位", ""),
            "t2": data[SECTIONS[1]],
            "t3": t3_from_json(data[SECTIONS[2]]),
            "t4": t4_from_json(data[SECTIONS[3]]),
            "prose": {
                "overview": data.get(SECTIONS[0], ""),
                "problems": data.get(SECTIONS[4], ""),
                "other": data.get(SECTIONS[5], ""),
            },
        }
    except (KeyError, TypeError) as exc:
        raise ValueError(f"报告缺少必需的项目：{exc}") from exc
