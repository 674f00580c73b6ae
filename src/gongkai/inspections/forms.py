"""Forms of the inspections app: shape validation only (rules live in services)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Department, User
from gongkai.common.widgets import DateInput, DateTimeInput
from gongkai.core.ids import IdentifierError, canonical_uscc

from .choices import BeaconType, HashAlg, ImportKind, Mode, ResultCode, TargetStatus
from .models import InspectionItem, InspectionPlan
from .rules import DRAND_CHAINS

CODE = re.compile(r"[0-9A-Za-z._-]{1,32}")
STRATA = [
    ("risk", _("风险等级")),
    ("risk,region", _("风险等级 + 地区")),
    ("risk,industry", _("风险等级 + 行业")),
    ("risk,region,industry", _("风险等级 + 地区 + 行业")),
]
DATETIME = DateTimeInput()


class ItemForm(forms.ModelForm):
    class Meta:
        model = InspectionItem
        fields = [
            "code",
            "name",
            "sub_item",
            "legal_basis",
            "inspecting_body",
            "target_type",
            "method",
            "ratio",
            "frequency",
            "inspector_requirements",
            "kind",
            "note",
            "department",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}


class PlanForm(forms.ModelForm):
    class Meta:
        model = InspectionPlan
        fields = ["year", "title", "body", "department"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("名录"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("文件（.csv 或 .xlsx）"),
        help_text=_("第一行为列名；全部行无误才会导入，出错时不导入任何一行。"),
    )


def _codes(text: str, label: str) -> list[str]:
    parts = [p for p in re.split(r"[,，;；、\s]+", text) if p]
    for p in parts:
        if not CODE.fullmatch(p):
            raise forms.ValidationError(
                _("%(label)s“%(code)s”格式不正确。") % {"label": label, "code": p}
            )
    return parts


class TaskForm(forms.Form):
    code = forms.CharField(label=_("任务编号"), max_length=128)
    title = forms.CharField(label=_("任务名称"), max_length=200)
    plan = forms.ModelChoiceField(
        label=_("所属年度计划"), queryset=InspectionPlan.objects.all(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("牵头处室"), queryset=Department.objects.filter(is_active=True)
    )
    items = forms.ModelMultipleChoiceField(
        label=_("抽查事项"),
        queryset=InspectionItem.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    industries = forms.CharField(
        label=_("对象行业范围"),
        required=False,
        help_text=_("行业代码，用逗号分隔；空表示全部。"),
    )
    target_count = forms.IntegerField(label=_("抽取对象数"), min_value=1)
    risk_weights = forms.CharField(
        label=_("风险等级权重"),
        initial="A=1, B=2, C=4, D=8",
        help_text=_("例如 A=1, B=2, C=4, D=8"),
    )
    stratify_by = forms.ChoiceField(
        label=_("分层属性"), choices=STRATA, initial="risk,region,industry"
    )
    cutoff = forms.DateField(
        label=_("近期已检查对象排除日期"),
        required=False,
        widget=DateInput(),
    )
    reserve_per_stratum = forms.IntegerField(
        label=_("每层备选数"), min_value=0, initial=1
    )
    team_size = forms.IntegerField(label=_("每组检查人员数"), min_value=2, initial=2)
    capacity_slack = forms.IntegerField(label=_("每组容量余量"), min_value=0, initial=0)
    mode = forms.ChoiceField(
        label=_("公开方式"), choices=Mode.choices, initial=Mode.CONFIDENTIAL
    )
    hash_alg = forms.ChoiceField(label=_("哈希算法"), choices=HashAlg.choices)
    beacon_type = forms.ChoiceField(label=_("随机信标"), choices=BeaconType.choices)
    drand_chain_hash = forms.CharField(
        label=_("drand 链哈希"),
        required=False,
        initial=next(iter(DRAND_CHAINS)),
        max_length=64,
    )
    drand_round = forms.IntegerField(label=_("drand 轮次"), required=False, min_value=1)
    lottery_draws = forms.CharField(
        label=_("彩票开奖期次"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一期：玩法 期号，例如“双色球 2026025”。"),
    )
    beacon_time = forms.DateTimeField(
        label=_("信标产生时间"),
        widget=DATETIME,
        help_text=_("彩票为开奖时间；已知 drand 链按轮次自动计算。"),
    )
    reveal_hours = forms.IntegerField(
        label=_("揭示期限（信标后小时数）"), min_value=1, initial=24
    )
    publish_inspectors = forms.BooleanField(label=_("公布检查人员姓名"), required=False)
    followup_departments = forms.ModelMultipleChoiceField(
        label=_("补充抽取的跨区域人员处室"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        # The code is the dsr-draw/1 task_id and part of every public address.
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}", code):
            raise forms.ValidationError(
                _("任务编号只能使用字母、数字和 . _ -，不超过64位。")
            )
        return code

    def clean_industries(self) -> list[str]:
        return _codes(self.cleaned_data["industries"], str(_("行业代码")))

    def clean_risk_weights(self) -> dict[str, int]:
        weights: dict[str, int] = {}
        for part in re.split(r"[,，;；\s]+", self.cleaned_data["risk_weights"].strip()):
            match = re.fullmatch(r"([0-9A-Za-z._-]{1,32})[=:：]([0-9]{1,7})", part)
            if not match:
                raise forms.ValidationError(
                    _("权重格式应为 等级=整数，例如 A=1, B=2。")
                )
            weights[match[1]] = int(match[2])
        return weights

    def clean_lottery_draws(self) -> list[dict[str, str]]:
        return parse_draw_lines(self.cleaned_data["lottery_draws"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["stratify_by"] = str(data.get("stratify_by", "risk")).split(",")
        return data


def parse_draw_lines(text: str) -> list[dict[str, str]]:
    draws = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            raise forms.ValidationError(_("每行应为“玩法 期号”。"))
        draws.append({"game": parts[0], "issue": parts[1]})
    return draws


class NewBeaconForm(forms.Form):
    drand_round = forms.IntegerField(
        label=_("新的 drand 轮次"), required=False, min_value=1
    )
    lottery_draws = forms.CharField(
        label=_("新的彩票开奖期次"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    beacon_time = forms.DateTimeField(
        label=_("新的信标产生时间"), required=False, widget=DATETIME
    )

    def clean_lottery_draws(self) -> list[dict[str, str]]:
        return parse_draw_lines(self.cleaned_data["lottery_draws"])


class ContributionForm(forms.Form):
    contributor_id = forms.CharField(label=_("贡献者编号"), max_length=64)
    name = forms.CharField(label=_("贡献者"), max_length=100)
    commitment = forms.CharField(
        label=_("承诺值（64位十六进制）"),
        max_length=64,
        required=False,
        help_text=_("可留空：贡献者通过自己的专用链接提交承诺值。"),
    )


class BeaconForm(forms.Form):
    signature_hex = forms.CharField(
        label=_("drand 轮次签名（十六进制）"), required=False
    )
    previous_signature_hex = forms.CharField(
        label=_("上一轮签名（链式网络，十六进制）"), required=False
    )
    randomness_hex = forms.CharField(
        label=_("drand 随机数（十六进制）"), required=False, max_length=64
    )
    lottery_numbers = forms.CharField(
        label=_("开奖号码"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "按期次顺序每行一期，号码组之间用 + 分隔，例如“3 9 14 21 27 30 + 11”。"
        ),
    )


class RevealForm(forms.Form):
    value_hex = forms.CharField(label=_("揭示值（十六进制）"), max_length=128)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("检查结果"), choices=ResultCode.choices)
    checked_on = forms.DateField(label=_("检查完成日期"), widget=DateInput())
    note = forms.CharField(
        label=_("结果说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LookupForm(forms.Form):
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=40)


class ConflictForm(forms.Form):
    inspector = forms.CharField(label=_("执法证号"), max_length=64)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=40)
    reason = forms.CharField(label=_("回避原因"), max_length=200, required=False)


class TargetForm(forms.Form):
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=200)
    region = forms.RegexField(label=_("行政区划代码"), regex=CODE.pattern)
    industry = forms.RegexField(label=_("行业代码"), regex=CODE.pattern)
    risk = forms.RegexField(label=_("风险等级"), regex=CODE.pattern)
    status = forms.ChoiceField(label=_("登记状态"), choices=TargetStatus.choices)
    last_inspected = forms.DateField(
        label=_("最近一次检查日期"),
        required=False,
        widget=DateInput(),
    )

    def clean_uscc(self) -> str:
        try:
            return canonical_uscc(self.cleaned_data["uscc"])
        except IdentifierError as exc:
            raise forms.ValidationError(exc.message) from exc


class InspectorForm(forms.Form):
    code = forms.CharField(label=_("执法证号"), max_length=64)
    name = forms.CharField(label=_("姓名"), max_length=60)
    department = forms.ModelChoiceField(
        label=_("处室"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )
    home_region = forms.RegexField(label=_("所在地区代码"), regex=CODE.pattern)
    quals = forms.CharField(
        label=_("可检查行业"), help_text=_("行业代码，用逗号分隔。")
    )
    available = forms.BooleanField(label=_("可参加抽取"), required=False, initial=True)
    user = forms.ModelChoiceField(
        label=_("平台账号"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("关联账号后，本人可以为所在检查组录入检查结果。"),
    )

    def clean_quals(self) -> list[str]:
        codes = _codes(self.cleaned_data["quals"], str(_("行业代码")))
        if not codes:
            raise forms.ValidationError(_("至少填写一个行业代码。"))
        return sorted(set(codes))
