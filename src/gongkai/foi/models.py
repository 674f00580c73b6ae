"""Information requests (依申请公开), their consultations, letters, fees and appeals.

Requests are never public. The statutory periods are clocks (clocks app) on the
request; the truth of a deadline is the clock's events, never a column here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    ConsultationKind,
    Delivery,
    FeeMethod,
    Form,
    IdType,
    LetterKind,
    Status,
)
from .rules import OUTCOMES

# Labels are the rules' Chinese text; English pages show their translation (.po).
OUTCOME_CHOICES = [(o.code, _(o.label)) for o in OUTCOMES]


class FoiRequest(models.Model):
    tracking_number = models.CharField(_("申请编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=64)
    channel = models.CharField(_("申请渠道"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("状态"), max_length=24, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    # 条例 第三十一条: day 0 of every period; set when receipt is confirmed
    received_at = models.DateTimeField(_("收到申请时间"), null=True, blank=True)
    # applicant (条例 第二十九条 (一)); personal data, shown only to assigned staff
    applicant_type = models.CharField(
        _("申请人类型"), max_length=20, choices=ApplicantType.choices
    )
    name = models.CharField(_("姓名或名称"), max_length=200)
    id_type = models.CharField(
        _("证件类型"), max_length=12, choices=IdType.choices, blank=True
    )
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    # the information sought (条例 第二十九条 (二)) and the form (三)
    description = models.TextField(_("所需信息的名称或特征描述"))
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    form = models.CharField(_("信息载体"), max_length=12, choices=Form.choices)
    delivery = models.CharField(_("获取方式"), max_length=12, choices=Delivery.choices)
    keywords = models.JSONField(default=list, blank=True)  # segmented, for grouping
    # handling
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办处室"),
    )
    correction_request = models.TextField(_("补正要求"), blank=True)
    extension_days = models.PositiveSmallIntegerField(_("申请延长工作日"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_method = models.CharField(
        _("收费方式"), max_length=10, choices=FeeMethod.choices, blank=True
    )
    fee_quantity = models.PositiveIntegerField(_("计费数量"), default=0)
    fee_amount = models.DecimalField(
        _("信息处理费（元）"), max_digits=12, decimal_places=2, default=0
    )
    fee_paid_at = models.DateTimeField(_("缴费时间"), null=True, blank=True)
    outcome = models.CharField(
        _("办理结果"), max_length=32, choices=OUTCOME_CHOICES, blank=True
    )
    reasons = models.TextField(_("理由"), blank=True)
    referral = models.CharField(_("负责机关及联系方式"), max_length=300, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    # four-eyes (foi.reply.four_eyes): a department's reply waits here for the office
    # {"outcome", "reply_text", "reasons", "referral", "returned_note"}; {} if none
    reply_draft = models.JSONField(_("答复草稿"), default=dict, blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_drafted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("答复或终止时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    delivery_note = models.CharField(_("送达记录"), max_length=300, blank=True)
    proposed_proactive = models.BooleanField(_("建议转为主动公开"), default=False)
    # the catalogue draft created from it (documents.Document id; no FK so this app's
    # migrations do not depend on the catalogue's)
    proactive_document_id = models.PositiveIntegerField(null=True, blank=True)
    imported = models.BooleanField(_("历史数据导入"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            # covers the annual report's grouped scan (report/build.py)
            models.Index(
                fields=["received_at", "closed_at", "applicant_type", "outcome"],
                name="foi_report_cover",
            ),
            models.Index(fields=["closed_at"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class Attachment(models.Model):
    request = models.ForeignKey(
        FoiRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("附件"), upload_to="foi/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ReplyFile(models.Model):
    """A document disclosed with the reply (PDF, DOCX, XLSX or an image).

    ``hits``: personal data found in its text, [{kind, page, start, end, value}]
    (page 0 for files without pages); ``scanned_pages``: PDF pages without a text
    layer and images, which need a person to look (``reviewed_by``). ``redacted``:
    the PDF with the hits' text removed; the original is kept in ``file``."""

    request = models.ForeignKey(
        FoiRequest, on_delete=models.CASCADE, related_name="reply_files"
    )
    file = models.FileField(_("原件"), upload_to="foi/replies/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=8)  # pdf | docx | xlsx | image
    size = models.PositiveIntegerField(_("大小（字节）"))
    pages = models.PositiveIntegerField(_("页数"), default=1)
    hits = models.JSONField(_("个人信息"), default=list, blank=True)
    scanned_pages = models.JSONField(_("无文字层的页"), default=list, blank=True)
    redacted = models.FileField(
        _("脱敏文件"), upload_to="foi/replies/%Y/%m/", blank=True
    )
    redacted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self) -> str:
        return self.name

    @property
    def releasable(self) -> bool:
        """The applicant may have it: personal data removed, scanned pages looked at."""
        hits_ok = not self.hits or bool(self.redacted)
        return hits_ok and (not self.scanned_pages or self.reviewed_by_id is not None)


class Consultation(models.Model):
    request = models.ForeignKey(
        FoiRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField(_("类型"), max_length=12, choices=ConsultationKind.choices)
    party = models.CharField(_("被征求意见方"), max_length=200)
    question = models.TextField(_("征求意见事项"), blank=True)
    sent_at = models.DateTimeField(_("发出时间"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("意见"), blank=True)
    # 条例 第三十二条: disclosed over the third party's objection for the public
    # interest; the content and the reasons are notified in writing first.
    disclosure_decided_at = models.DateTimeField(
        _("决定公开时间"), null=True, blank=True
    )
    disclosure_content = models.TextField(_("决定公开的内容"), blank=True)
    disclosure_reason = models.TextField(_("决定公开的理由"), blank=True)
    notified_at = models.DateTimeField(_("书面告知第三方时间"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.party} ({self.request})"


class Letter(models.Model):
    request = models.ForeignKey(
        FoiRequest, on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("文书"), max_length=16, choices=LetterKind.choices)
    number = models.CharField(_("文书编号"), max_length=40, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.JSONField(_("正文段落"), default=list)
    issued_at = models.DateTimeField(_("出具时间"))
    visible_to_applicant = models.BooleanField(default=True)

    class Meta:
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return self.number


class Appeal(models.Model):
    """An administrative review or a lawsuit about a request (table 4)."""

    request = models.ForeignKey(
        FoiRequest, on_delete=models.CASCADE, related_name="appeals"
    )
    kind = models.CharField(_("类型"), max_length=24, choices=AppealKind.choices)
    filed_on = models.DateField(_("申请或起诉日期"))
    result = models.CharField(
        _("结果"),
        max_length=10,
        choices=AppealResult.choices,
        default=AppealResult.PENDING,
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class LetterTemplate(models.Model):
    """An editable letter text; ``{placeholders}`` are filled from the request."""

    kind = models.CharField(
        _("文书"), max_length=16, choices=LetterKind.choices, unique=True
    )
    text = models.TextField(
        _("正文模板"),
        help_text=_(
            "可用占位符：{applicant} {tracking_number} {received_date} {description} "
            "{due_date} {correction_request} {correction_due} {extension_days} "
            "{extension_reason} {fee_lines} {fee_amount} {fee_due} {outcome_label} "
            "{article} {reasons} {referral} {reply_text} {remedy} {party} {question}"
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")

    def __str__(self) -> str:
        return self.get_kind_display()


class AnnualReportDraft(models.Model):
    """The office's prose and entered figures for one year's annual report."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other = models.TextField(_("六、其他需要报告的事项"), blank=True)
    t2_entered = models.JSONField(_("手工填报的第二部分数据"), default=dict, blank=True)
    # the report as published (its JSON form), frozen at publication
    published = models.JSONField(null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.year)
