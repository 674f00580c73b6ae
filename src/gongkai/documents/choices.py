from django.db import models
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    """有效性. ``expired`` is never stored: it is derived from valid_until (rules.py)."""

    EFFECTIVE = "effective", _("有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class Disclosure(models.TextChoices):
    """公开属性, set when drafting (work plan task 11)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("修改")
    REPEALS = "repeals", _("废止")
    REPLACES = "replaces", _("替代")
    INTERPRETS = "interprets", _("解读")


# How the target of a relation is shown ("被…修改").
INVERSE_LABELS = {
    RelationKind.AMENDS: _("被修改"),
    RelationKind.REPEALS: _("被废止"),
    RelationKind.REPLACES: _("被替代"),
    RelationKind.INTERPRETS: _("被解读"),
}


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    QA = "qa", _("问答")


class MediaKind(models.TextChoices):
    """Media of an interpretation (三同步: 图解 and video beside the text)."""

    IMAGE = "image", _("图解（图片）")
    VIDEO = "video", _("视频")


class Category(models.TextChoices):
    """Whether a document is a 规章 or a 行政规范性文件 (annual report table 2, 条例
    第二十条第（一）项), set at drafting and in imports, never guessed from the 体裁."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他")
