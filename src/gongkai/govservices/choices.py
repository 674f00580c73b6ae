"""Code lists of service items and the power list (RULES.md §7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """事项类型 (RULES §7; 国务院令第716号 第四条: 行政权力事项 + 公共服务事项).
    The numeric exchange codes are [UNVERIFIED] and not stored."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    PAYMENT = "payment", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("工作日")
    DAY = "day", _("自然日")
    MONTH = "month", _("个月")
    HOUR = "hour", _("小时")


class OnlineLevel(models.TextChoices):
    """网上办理深度 (RULES §7): Ⅳ级 confirmed; Ⅰ–Ⅲ [UNVERIFIED], as commonly used."""

    I = "1", _("Ⅰ级（网上提供办事指南和咨询）")  # noqa: E741
    II = "2", _("Ⅱ级（网上预约、下载表格、预审）")
    III = "3", _("Ⅲ级（网上受理和审批，结果现场领取）")
    IV = "4", _("Ⅳ级（全程网办）")


class HandlingType(models.TextChoices):
    """办件类型 project_type: 1 即办件, 2 承诺件."""

    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")


class HandlingForm(models.TextChoices):
    """办理形式 handle_type (several may apply)."""

    WINDOW = "window", _("窗口办理")
    ONLINE = "online", _("网上办理")
    MAIL = "mail", _("快递申请")


class Audience(models.TextChoices):
    """服务对象 server_type."""

    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人")
    BOTH = "both", _("自然人和法人")


class Necessity(models.TextChoices):
    REQUIRED = "required", _("必要")
    OPTIONAL = "optional", _("非必要")
    TOLERATED = "tolerated", _("容缺后补")


class OnlinePayment(models.TextChoices):
    YES = "yes", _("支持网上支付")
    NO = "no", _("不支持网上支付")


class AdjustmentKind(models.TextChoices):
    """权责清单调整 (工作方案 第2项): each adjustment is dated and has a 文号."""

    ADD = "add", _("新增")
    RETAIN = "retain", _("保留")
    TAKE_OVER = "take_over", _("承接")
    CHANGE = "change", _("调整")
    DELEGATE = "delegate", _("下放")
    CANCEL = "cancel", _("取消")


class Charging(models.TextChoices):
    """中介服务收费性质."""

    GOVERNMENT_PRICE = "government_price", _("政府定价")
    GUIDE_PRICE = "guide_price", _("政府指导价")
    MARKET_PRICE = "market_price", _("市场调节价")
    FREE = "free", _("不收费")
