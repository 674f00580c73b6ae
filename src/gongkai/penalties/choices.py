"""Code lists of the penalty record (RULES.md §3.1, §3.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyCategory(models.TextChoices):
    """行政相对人类别 (CF_XDR_LB): exactly one of three values."""

    ORGANISATION = "organisation", _("法人及非法人组织")
    NATURAL_PERSON = "natural_person", _("自然人")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")


class PenaltyType(models.TextChoices):
    """处罚类别 (CF_CFLB): 行政处罚法(2021) 第九条."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_INCOME = "confiscate_income", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("其他行政处罚")


class Sector(models.TextChoices):
    """Field of the violation; five of them carry a one-year minimum (发改委令第58号)."""

    GENERAL = "general", _("一般领域")
    FOOD = "food", _("食品")
    DRUG = "drug", _("药品")
    SPECIAL_EQUIPMENT = "special_equipment", _("特种设备")
    WORK_SAFETY = "work_safety", _("安全生产")
    FIRE = "fire", _("消防")


class IdType(models.TextChoices):
    """证件类型 (CF_XDR_ZJLX / CF_FR_ZJLX)."""

    ID_CARD = "id_card", _("身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN_PR = "foreign_pr", _("外国人永久居留身份证")
    OTHER = "other", _("其他")


class ChangeKind(models.TextChoices):
    """Why a published decision is withdrawn (行政处罚法 第四十八条)."""

    CHANGED = "changed", _("决定被变更")
    REVOKED = "revoked", _("决定被撤销")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("决定被确认违法")
    CONFIRMED_VOID = "confirmed_void", _("决定被确认无效")
