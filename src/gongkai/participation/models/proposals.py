"""Deputies' suggestions and members' proposals (人大代表建议 / 政协委员提案) and the
replies published through the review workflow (国办发〔2014〕46号)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.publishing.models import Publishable

from .mailbox import Satisfaction

__all__ = ["Proposal", "ProposalKind", "ProposalReply", "ProposalStatus"]


class ProposalKind(models.TextChoices):
    DEPUTY = "deputy", _("人大代表建议")
    MEMBER = "member", _("政协委员提案")


class ProposalStatus(models.TextChoices):
    HANDLING = "handling", _("办理中")
    REPLIED = "replied", _("已答复")


class Proposal(models.Model):
    """A suggestion or proposal assigned to the bureau: a lead department and any
    co-handling departments (主办、会办)."""

    kind = models.CharField(_("类别"), max_length=8, choices=ProposalKind.choices)
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    number = models.CharField(_("编号"), max_length=40)
    title = models.CharField(_("标题"), max_length=300)
    proposer = models.CharField(_("代表/委员"), max_length=200)
    lead_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("主办处室"),
    )
    co_departments = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="+",
        verbose_name=_("会办处室"),
    )
    assigned_at = models.DateTimeField(_("交办时间"))
    status = models.CharField(
        _("办理状态"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.HANDLING,
    )
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(
        _("代表委员满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    satisfaction_note = models.CharField(_("满意度说明"), max_length=500, blank=True)
    imported = models.BooleanField(_("历史导入"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "kind", "number", "id"]
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"], name="participation_proposal_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal-detail", args=[self.pk])


class ProposalReply(Publishable):
    """The reply text, published in full (contact details stripped) or as a summary
    with its reason (国办发〔2014〕46号)."""

    review_fields: ClassVar[tuple[str, ...]] = ("title", "body", "summary_reason")

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="reply"
    )
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("答复全文"))
    is_summary = models.BooleanField(_("摘要公开"), default=False)
    summary_reason = models.CharField(_("摘要公开理由"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("建议提案答复")
        verbose_name_plural = _("建议提案答复")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:proposal-detail", args=[self.proposal_id])
