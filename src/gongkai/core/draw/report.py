"""Verification findings and report of dsr-draw/1 (DRAW.md §11).

A :class:`Finding` names one precise reason an output does not verify, with a stable
code, the JSON path in the output it concerns, and a message in Chinese and English.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> (中文说明, English description). Stable: tests and callers match on codes.
FINDING_CODES: dict[str, tuple[str, str]] = {
    "output_malformed": ("输出记录结构错误", "output record is malformed"),
    "commit_mismatch": ("承诺记录与输入不符", "commit record does not match the input"),
    "commit_hash_mismatch": (
        "commit_hash 不等于 H(JCS(C))",
        "commit_hash is not H(JCS(C))",
    ),
    "beacon_randomness_mismatch": (
        "信标随机数不符",
        "beacon randomness does not match",
    ),
    "contributions_mismatch": ("贡献值列表不符", "contributions do not match"),
    "seed_mismatch": ("种子不符", "seed does not match"),
    "weight_mismatch": (
        "层权重不等于合格数×风险权重",
        "weight is not eligible × risk weight",
    ),
    "allocation_mismatch": ("分配数与 §8.3 重算不符", "allocation differs from §8.3"),
    "stratum_count_mismatch": (
        "层内抽中行数不等于分配数",
        "selected rows differ from allocated",
    ),
    "ticket_mismatch": (
        "签号不等于 ticket(k_rank, uscc)",
        "ticket is not ticket(k_rank, uscc)",
    ),
    "above_threshold": ("签号大于本层阈值", "ticket above the stratum threshold"),
    "rank_mismatch": ("名次不是按签号的 1…n", "ranks do not run 1…n in ticket order"),
    "threshold_mismatch": ("阈值签号不符", "threshold ticket does not match"),
    "result_root_mismatch": ("result_root 不符", "result_root does not match"),
    "selected_count_mismatch": ("抽中数不符", "selected_count does not match"),
    "load_mismatch": ("队伍任务量与分配行不符", "team load does not match the rows"),
    "over_capacity": ("队伍任务量超过容量", "team load exceeds capacity"),
    "capacity_mismatch": ("容量不等于 ⌈T/G⌉+slack", "capacity is not ⌈T/G⌉ + slack"),
    "missing_selected": (
        "应被抽中的对象未列入",
        "a target that must be selected is missing",
    ),
    "ineligible_target": (
        "抽中了不合格的对象",
        "selected target is not eligible (§8.1)",
    ),
    "wrong_stratum": ("对象所在层不符", "target listed under the wrong stratum"),
    "unknown_target": ("检查对象不在快照中", "target is not in the snapshot"),
    "unknown_inspector": ("检查人员不在快照中", "inspector is not in the snapshot"),
    "unknown_team": ("队伍编号不存在", "no such team"),
    "ineligible_assignment": ("分配违反回避或资质规则", "assignment violates §9.2"),
    "selection_mismatch": ("抽中对象与重算不符", "selection differs from the re-run"),
    "assignment_mismatch": (
        "分组与重算不符",
        "team assignment differs from the re-run",
    ),
    "team_mismatch": ("队伍组成与重算不符", "team composition differs from the re-run"),
    "reserve_mismatch": ("备选对象与重算不符", "reserves differ from the re-run"),
    "strata_mismatch": ("分层表与重算不符", "strata table differs from the re-run"),
    "unstaffed_mismatch": (
        "未配队对象与重算不符",
        "unstaffed list differs from the re-run",
    ),
    "output_mismatch": ("输出与重算不逐字节一致", "output differs from the re-run"),
}


@dataclass(frozen=True)
class Finding:
    """One reason the output does not verify."""

    code: str
    path: str
    detail: str = ""

    def __post_init__(self) -> None:
        if self.code not in FINDING_CODES:
            raise KeyError(f"unregistered finding code {self.code!r}")

    def message(self) -> str:
        """The finding in Chinese and English, on one line."""
        zh, en = FINDING_CODES[self.code]
        tail = f" — {self.detail}" if self.detail else ""
        return f"[{self.code}] {self.path}: {zh} / {en}{tail}"


@dataclass(frozen=True)
class VerifyReport:
    """Outcome of :func:`gongkai.core.draw.verify`; ``ok`` iff there are no findings."""

    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the output verifies against its input."""
        return not self.findings

    @property
    def codes(self) -> tuple[str, ...]:
        """The finding codes, in the order found, without repeats."""
        return tuple(dict.fromkeys(f.code for f in self.findings))

    def summary(self) -> str:
        """A bilingual verdict line."""
        if self.ok:
            return "验证通过：输出与输入一致 / VERIFIED: the output matches its input"
        return (
            f"验证失败：{len(self.findings)} 处不符 / "
            f"NOT VERIFIED: {len(self.findings)} finding(s)"
        )
