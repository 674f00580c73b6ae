"""Input errors of dsr-draw/1, each with a stable code and a bilingual message.

DRAW.md §3: invalid input of any kind stops the draw before a commit is built; there
is no partial repair. Every rejection raises :class:`DrawInputError` whose ``code`` is
one of :data:`ERROR_CODES`. Codes are part of the module's contract: callers (the
inspections app, the CLI, tests) match on them, so they never change meaning.
"""

from __future__ import annotations

# code -> (中文说明, English description). Keep in sync with the tests' rejection table.
ERROR_CODES: dict[str, tuple[str, str]] = {
    "invalid_json": ("不是合法的 JSON", "not valid JSON"),
    "duplicate_key": ("对象键重复", "duplicate object key"),
    "float_not_allowed": ("不允许浮点数", "floats are not allowed"),
    "integer_out_of_range": ("整数超出 ±(2^53−1)", "integer beyond ±(2^53−1)"),
    "boolean_not_integer": (
        "需要整数，不能用布尔值",
        "boolean given where an integer is required",
    ),
    "key_not_ascii": ("对象键必须是 ASCII", "object keys must be ASCII"),
    "lone_surrogate": ("字符串含孤立代理码位", "string contains a lone surrogate"),
    "wrong_type": ("类型错误", "wrong type"),
    "missing_field": ("缺少必填字段", "required field missing"),
    "unknown_field": ("未知字段", "unknown field"),
    "out_of_range": ("数值超出允许范围", "value out of the allowed range"),
    "unsupported_protocol": ("不支持的协议版本", "unsupported protocol identifier"),
    "unknown_hash_alg": ("未知的哈希算法", "unknown hash_alg"),
    "hash_unavailable": (
        "本机不支持该哈希算法，拒绝执行",
        "hash algorithm unavailable here; refusing",
    ),
    "invalid_mode": (
        "mode 必须是 confidential 或 public",
        "mode must be confidential or public",
    ),
    "invalid_stratify_by": ("分层属性无效", "invalid stratify_by"),
    "invalid_code": ("代码格式无效", "invalid code"),
    "invalid_text": ("文本无效", "invalid text"),
    "invalid_date": ("日期无效", "invalid date"),
    "invalid_hex": (
        "十六进制串无效（须为小写）",
        "invalid hex string (must be lower case)",
    ),
    "invalid_uscc": ("统一社会信用代码无效", "invalid USCC"),
    "duplicate_uscc": ("统一社会信用代码重复", "duplicate USCC"),
    "duplicate_inspector": ("检查人员编号重复", "duplicate inspector id"),
    "duplicate_contributor": ("贡献者编号重复", "duplicate contributor id"),
    "missing_risk_weight": (
        "有合格对象的风险等级缺少权重",
        "risk class with eligible targets has no weight",
    ),
    "invalid_beacon": ("信标对象无效", "invalid beacon object"),
    "invalid_beacon_randomness": ("信标随机数无效", "invalid beacon randomness"),
    "invalid_secret": (
        "任务秘密与模式不符或长度错误",
        "secret missing, unexpected or of wrong length",
    ),
    "invalid_contribution": ("贡献值无效", "invalid contribution"),
    "invalid_bundle": ("验证包无效", "invalid verification bundle"),
}


class DrawInputError(ValueError):
    """The draw input is invalid (DRAW.md §3); nothing was committed or drawn."""

    def __init__(self, code: str, path: str, detail: str = "") -> None:
        if code not in ERROR_CODES:  # a programming error, never user input
            raise KeyError(f"unregistered draw error code {code!r}")
        self.code = code
        self.path = path
        self.detail = detail
        zh, en = ERROR_CODES[code]
        self.message_zh = f"{zh}（{path}）" + (f"：{detail}" if detail else "")
        self.message_en = f"{en} at {path}" + (f": {detail}" if detail else "")
        super().__init__(f"[{code}] {self.message_en}")

    def bilingual(self) -> str:
        """Return the message in Chinese then English, for people reading a console."""
        return (
            f"输入无效 [{self.code}] {self.message_zh}\n"
            f"invalid input [{self.code}] {self.message_en}"
        )
