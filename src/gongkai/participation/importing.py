"""Import historical messages and proposals from a spreadsheet (XLSX or CSV), with
row errors like penalties (common.importing: batches, resumable runs, one audit event
per batch, a downloadable error file).

* The kind of the file is chosen on import (``kind="messages"`` or ``"proposals"``).
* Messages: the key is 留言编号; 收到时间 is required, 答复时间 must not be before it
  nor in the future, and an answer time needs the answer. 是否公开 left empty means
  not public (the writer's consent is not on record). The clocks are started at the
  historical receipt and stopped at the answer, so the monthly counts, timeliness and
  the red line see history as it was.
* Proposals: the key is 类别 + 年度 + 编号; 交办时间 is required; the clock starts at
  assignment and stops at 答复时间 when given.
* A key already stored is "unchanged" (an import never overwrites handling done here).
* Departments are matched by name or code; an unknown one is a row error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Unpack

from django.utils.translation import gettext as _

from gongkai.accounts.choices import Role
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_role
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI, clocks_for
from gongkai.clocks.services import clock_event_add, clock_start
from gongkai.common.errors import PermissionDeniedError
from gongkai.common.importing import (
    Columns,
    ImportOptions,
    Written,
    import_file,
)

from .audit_actions import ParticipationAudit
from .clock_rules import MESSAGE_RED_LINE, MESSAGE_REPLY
from .mailbox_rules import parse_when, parse_yes_no
from .models import (
    Message,
    MessageCategory,
    MessageImportRowError,
    MessageImportRun,
    MessageStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Satisfaction,
)
from .services.proposals import reply_rule_key

KINDS = ("messages", "proposals")

# key: (label, aliases)
MESSAGE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tracking_number": ("留言编号", ("编号", "tracking_number")),
    "category": ("类别", ("留言类别", "category")),
    "subject": ("标题", ("留言标题", "subject")),
    "body": ("留言内容", ("内容", "body")),
    "name": ("姓名", ("留言人", "name")),
    "phone": ("联系电话", ("电话", "phone")),
    "email": ("电子邮箱", ("邮箱", "email")),
    "is_public": ("是否公开", ("公开", "is_public")),
    "department": ("办理处室", ("处室", "department")),
    "received_at": ("收到时间", ("留言时间", "received_at")),
    "answered_at": ("答复时间", ("answered_at",)),
    "answer": ("答复内容", ("答复", "answer")),
}
MESSAGE_REQUIRED = ["tracking_number", "category", "subject", "body", "received_at"]
PROPOSAL_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("类别", ("kind",)),
    "year": ("年度", ("year",)),
    "number": ("编号", ("建议提案编号", "number")),
    "title": ("标题", ("title",)),
    "proposer": ("代表委员", ("代表/委员", "提出人", "proposer")),
    "lead_department": ("主办处室", ("主办", "lead_department")),
    "co_departments": ("会办处室", ("会办", "co_departments")),
    "assigned_at": ("交办时间", ("交办日期", "assigned_at")),
    "replied_at": ("答复时间", ("答复日期", "replied_at")),
    "satisfaction": ("满意度", ("satisfaction",)),
}
PROPOSAL_REQUIRED = [
    "kind",
    "year",
    "number",
    "title",
    "lead_department",
    "assigned_at",
]


def _lookup(fields: dict[str, tuple[str, tuple[str, ...]]]) -> Any:
    names = {}
    for key, (label, aliases) in fields.items():
        for name in (label, *aliases):
            names[name.strip().lower()] = key
    return lambda header: names.get(str(header).strip().lower())


def columns_for(kind: str) -> Any:
    fields = MESSAGE_FIELDS if kind == "messages" else PROPOSAL_FIELDS
    required = MESSAGE_REQUIRED if kind == "messages" else PROPOSAL_REQUIRED

    def make(headers: list[str]) -> Columns:
        return Columns(
            headers,
            lookup=_lookup(fields),
            labels={k: v[0] for k, v in fields.items()},
            required=required,
            hint=_("列名用数据项名称，如“收到时间”。"),
        )

    return make


def participation_import(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    department: Department,
    by: Staff,
    **options: Unpack[ImportOptions],
) -> MessageImportRun:
    """Import (or resume) a spreadsheet of historical messages or proposals (office)."""
    if not has_role(by, Role.REVIEWER, Role.ADMIN):
        raise PermissionDeniedError(
            _("只有公开办可以导入历史留言和建议提案。"), code="import.denied"
        )
    if kind not in KINDS:
        raise PermissionDeniedError(_("未知的导入类型。"), code="import.kind")

    def importer(
        run: MessageImportRun, columns: Columns, now: dt.datetime
    ) -> _Importer:
        return _Importer(kind=kind, columns=columns, run=run, by=by, now=now)

    result: MessageImportRun = import_file(
        MessageImportRun,
        data=data,
        file_name=file_name,
        by=by,
        columns_for=columns_for(kind),
        importer_for=importer,
        match={"department": department},
        options={"kind": kind},
        **options,
    )
    return result


def participation_import_stored(
    *, run: MessageImportRun, data: bytes
) -> MessageImportRun:
    """Import a queued run's stored file (the worker): the same import, resumed."""
    return participation_import(
        kind=str(run.options.get("kind", "messages")),
        data=data,
        file_name=run.file_name,
        department=run.department,
        by=run.created_by,
    )


class _Importer:
    audit_action = ParticipationAudit.MESSAGE_IMPORT
    error_model = MessageImportRowError

    def __init__(
        self,
        *,
        kind: str,
        columns: Columns,
        run: MessageImportRun,
        by: Staff,
        now: dt.datetime,
    ) -> None:
        self.kind, self.columns, self.run, self.by, self.now = (
            kind, columns, run, by, now,
        )  # fmt: skip
        self.departments: dict[str, Department] = {}
        for d in Department.objects.all():
            self.departments[d.name] = d
            self.departments[d.code] = d

    def audit_context(self) -> dict[str, Any]:
        return {"kind": self.kind}

    def repeated(self, first_row: int) -> list[str]:
        key = "tracking_number" if self.kind == "messages" else "number"
        return [self.columns.name(key), _("与第 %d 行重复") % first_row]

    def _when(
        self, record: dict[str, Any], key: str, errors: list[tuple[str, str]]
    ) -> dt.datetime | None:
        raw = record.get(key)
        if raw in (None, ""):
            return None
        naive = parse_when(raw)
        if naive is None:
            errors.append((key, _("无法识别的时间“%s”，请写作 2026-09-30 16:00") % raw))
            return None
        when = naive.replace(tzinfo=SHANGHAI)
        if when > self.now:
            errors.append((key, _("时间不能晚于现在")))
        return when

    def _department(
        self, value: Any, key: str, errors: list[tuple[str, str]]
    ) -> Department | None:
        text = str(value or "").strip()
        if not text:
            return None
        found = self.departments.get(text)
        if found is None:
            errors.append((key, _("没有名称或代码为“%s”的处室") % text))
        return found

    def check(self, record: dict[str, Any]) -> tuple[str, Any, list[tuple[str, str]]]:
        errors: list[tuple[str, str]] = []
        text = {k: str(v).strip() if v is not None else "" for k, v in record.items()}
        for key in MESSAGE_REQUIRED if self.kind == "messages" else PROPOSAL_REQUIRED:
            if not text.get(key):
                errors.append((key, _("必填")))
        if self.kind == "messages":
            return self._check_message(record, text, errors)
        return self._check_proposal(record, text, errors)

    def _check_message(
        self,
        record: dict[str, Any],
        text: dict[str, str],
        errors: list[tuple[str, str]],
    ) -> tuple[str, Any, list[tuple[str, str]]]:
        labels = {str(label): value for value, label in MessageCategory.choices}
        category = labels.get(text.get("category", ""), text.get("category", ""))
        if text.get("category") and category not in MessageCategory.values:
            errors.append(("category", _("类别应为咨询、投诉或建议")))
        public = parse_yes_no(record.get("is_public"))
        if public is None:
            errors.append(("is_public", _("应填“是”或“否”")))
        received = self._when(record, "received_at", errors)
        answered = self._when(record, "answered_at", errors)
        if received and answered and answered < received:
            errors.append(("answered_at", _("答复时间早于收到时间")))
        if answered and not text.get("answer"):
            errors.append(("answer", _("有答复时间时必须填写答复内容")))
        values = {
            "tracking_number": text.get("tracking_number", "")[:20],
            "category": category,
            "subject": text.get("subject", "")[:200],
            "body": text.get("body", ""),
            "name": text.get("name", "")[:60],
            "phone": text.get("phone", "")[:30],
            "email": text.get("email", "")[:254],
            "is_public": bool(public),
            "department": self._department(
                record.get("department"), "department", errors
            )
            or self.run.department,
            "received_at": received,
            "answered_at": answered,
            "answer": text.get("answer", ""),
        }
        return values["tracking_number"], values, errors

    def _check_proposal(
        self,
        record: dict[str, Any],
        text: dict[str, str],
        errors: list[tuple[str, str]],
    ) -> tuple[str, Any, list[tuple[str, str]]]:
        kinds = {str(label): value for value, label in ProposalKind.choices}
        kinds.update({"建议": ProposalKind.DEPUTY, "提案": ProposalKind.MEMBER})
        kind = kinds.get(text.get("kind", ""), text.get("kind", ""))
        if text.get("kind") and kind not in ProposalKind.values:
            errors.append(("kind", _("类别应为人大代表建议或政协委员提案")))
        year_text = text.get("year", "").removesuffix(".0").removesuffix("年")
        year = int(year_text) if year_text.isdecimal() else None
        if text.get("year") and (year is None or not 1990 <= year <= 2100):
            errors.append(("year", _("年度应为四位年份")))
        lead = self._department(
            record.get("lead_department"), "lead_department", errors
        )
        co = [
            self._department(name, "co_departments", errors)
            for name in text.get("co_departments", "").replace("，", "、").split("、")
            if name.strip()
        ]
        assigned = self._when(record, "assigned_at", errors)
        replied = self._when(record, "replied_at", errors)
        if assigned and replied and replied < assigned:
            errors.append(("replied_at", _("答复时间早于交办时间")))
        labels = {str(label): value for value, label in Satisfaction.choices}
        satisfaction = labels.get(text.get("satisfaction", ""), "")
        if text.get("satisfaction") and not satisfaction:
            errors.append(("satisfaction", _("满意度应为满意、基本满意或不满意")))
        if satisfaction and not replied:
            errors.append(("satisfaction", _("未答复的建议提案不能有满意度")))
        number = text.get("number", "").removesuffix(".0")[:40]
        values = {
            "kind": kind,
            "year": year,
            "number": number,
            "title": text.get("title", "")[:300],
            "proposer": text.get("proposer", "")[:200],
            "lead_department": lead,
            "co_departments": [d for d in co if d is not None],
            "assigned_at": assigned,
            "replied_at": replied,
            "satisfaction": satisfaction,
        }
        return f"{kind}|{year}|{number}", values, errors

    def write(
        self, run: Any, rows: list[tuple[int, list[Any], Any]], *, now: dt.datetime
    ) -> Written:
        written = Written()
        for _number, _cells, values in rows:
            if self.kind == "messages":
                key = values["tracking_number"]
                if Message.objects.filter(tracking_number=key).exists():
                    written.unchanged += 1
                    continue
                self._message(values, now)
            else:
                key = f"{values['kind']}|{values['year']}|{values['number']}"
                if Proposal.objects.filter(
                    kind=values["kind"], year=values["year"], number=values["number"]
                ).exists():
                    written.unchanged += 1
                    continue
                self._proposal(values, now)
            written.created.append(key)
        return written

    def _message(self, v: dict[str, Any], now: dt.datetime) -> None:
        answered = v["answered_at"]
        message = Message.objects.create(
            tracking_number=v["tracking_number"],
            category=v["category"],
            subject=v["subject"],
            body=v["body"],
            name=v["name"],
            phone=v["phone"],
            email=v["email"],
            is_public=v["is_public"],
            department=v["department"],
            received_at=v["received_at"],
            answered_at=answered,
            answer=v["answer"],
            status=MessageStatus.ANSWERED if answered else MessageStatus.RECEIVED,
            imported=True,
        )
        for key in (MESSAGE_REPLY, MESSAGE_RED_LINE):
            clock_start(
                subject=message,
                rule_key=key,
                at=message.received_at,
                title=f"留言 {message.tracking_number} {message.subject}",
                department=message.department,
                by=self.by,
                now=now,
            )
        if answered:
            for clock in clocks_for(message):
                clock_event_add(
                    clock=clock, kind="answered", at=answered, by=self.by, now=now
                )

    def _proposal(self, v: dict[str, Any], now: dt.datetime) -> None:
        proposal = Proposal.objects.create(
            kind=v["kind"],
            year=v["year"],
            number=v["number"],
            title=v["title"],
            proposer=v["proposer"],
            lead_department=v["lead_department"],
            assigned_at=v["assigned_at"],
            status=ProposalStatus.REPLIED
            if v["replied_at"]
            else ProposalStatus.HANDLING,
            replied_at=v["replied_at"],
            satisfaction=v["satisfaction"],
            imported=True,
        )
        proposal.co_departments.set(v["co_departments"])
        clock_start(
            subject=proposal,
            rule_key=reply_rule_key(v["kind"]),
            at=proposal.assigned_at,
            title=f"{proposal.get_kind_display()} {proposal.year} {proposal.number}",
            department=proposal.lead_department,
            by=self.by,
            now=now,
        )
        if v["replied_at"]:
            for clock in clocks_for(proposal):
                clock_event_add(
                    clock=clock, kind="replied", at=v["replied_at"], by=self.by,
                    now=now,
                )  # fmt: skip


def import_runs_visible_to(user: Any) -> Any:
    """The office's import runs (the office imports)."""
    if not has_role(user, Role.REVIEWER, Role.ADMIN, Role.AUDITOR):
        return MessageImportRun.objects.none()
    return MessageImportRun.objects.defer("upload")


__all__ = [
    "import_runs_visible_to",
    "participation_import",
    "participation_import_stored",
]
