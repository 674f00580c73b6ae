"""Status values and code lists of information requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("已提交，待确认收到")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
    AWAITING_FEE = "awaiting_fee", _("待缴纳信息处理费")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已终止")


class Channel(models.TextChoices):
    # 条例 第三十一条: the receipt day depends on the channel
    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    POST = "post", _("邮寄（需签收）")
    LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")


class ApplicantType(models.TextChoices):
    # exactly the applicant columns of table 3 of the annual report
    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("法人或其他组织：商业企业")
    RESEARCH = "research", _("法人或其他组织：科研机构")
    PUBLIC_INTEREST = "public_interest", _("法人或其他组织：社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法人或其他组织：法律服务机构")
    OTHER_ORG = "other_org", _("法人或其他组织：其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    OTHER = "other", _("其他有效证件")


class Form(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上查询下载")


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（条例第三十二条）")
    CO_PRODUCER = "co_producer", _("征求共同制作机关意见（条例第三十四条）")
    DEPARTMENT = "department", _("内部处室会商")


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("收到申请回执")
    CORRECTION = "correction", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    REASONS = "reasons", _("说明理由告知书（条例第三十五条）")
    DELAY = "delay", _("延迟答复告知书（条例第三十五条）")
    CONSULTATION = "consultation", _("征求意见函")
    THIRD_PARTY_NOTICE = "disclose_notice", _("决定公开告知书（条例第三十二条）")
    FEE = "fee", _("信息处理费收费通知")
    REPLY = "reply", _("政府信息公开申请答复书")
    CLOSURE = "closure", _("终止办理告知书")


class AppealKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class FeeMethod(models.TextChoices):
    BY_ITEM = "by_item", _("按件计收")
    BY_PAGE = "by_page", _("按量计收")
