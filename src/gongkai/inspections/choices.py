"""Status values of the inspections app (双随机、一公开)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    GENERAL = "general", _("一般检查事项")
    KEY = "key", _("重点检查事项")


class TargetStatus(models.TextChoices):
    # Codes as they enter the draw snapshot (DRAW.md §4 ``status``; §8.1 "active").
    ACTIVE = "active", _("存续（正常）")
    ABNORMAL = "abnormal", _("列入经营异常名录")
    DEREGISTERED = "deregistered", _("注销或吊销")


class Mode(models.TextChoices):
    PUBLIC = "public", _("公开模式（抽取后立即公布）")
    CONFIDENTIAL = "confidential", _("保密模式（公示时公布）")


class HashAlg(models.TextChoices):
    SHA256 = "sha256", _("SHA-256")
    SM3 = "sm3", _("SM3（国密）")


class BeaconType(models.TextChoices):
    DRAND = "drand", _("drand 公共随机信标")
    LOTTERY = "lottery", _("彩票开奖号码")


class DrawKind(models.TextChoices):
    PRIMARY = "primary", _("抽取")
    FOLLOW_UP = "follow_up", _("补充抽取（未配队对象）")


class DrawState(models.TextChoices):
    FROZEN = "frozen", _("名录已冻结")
    COMMITTED = "committed", _("已承诺（已公告）")
    BEACON = "beacon", _("信标已录入")
    DRAWN = "drawn", _("已抽取")
    PUBLISHED = "published", _("已公示")
    ABANDONED = "abandoned", _("已放弃")


class InspectionState(models.TextChoices):
    ASSIGNED = "assigned", _("已分配检查组")
    UNSTAFFED = "unstaffed", _("未配队")
    REPLACED = "replaced", _("已被替补")
    DONE = "done", _("已检查")


class ResultCode(models.TextChoices):
    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题，已责令改正")
    NOT_FOUND = "not_found", _("通过登记的住所（经营场所）无法联系")
    REFERRED = "referred", _("发现问题，移送处罚或其他部门")
    OTHER = "other", _("其他")


class ImportKind(models.TextChoices):
    TARGETS = "targets", _("检查对象")
    INSPECTORS = "inspectors", _("执法检查人员")
    CONFLICTS = "conflicts", _("回避关系")


class JobKind(models.TextChoices):
    FREEZE = "freeze", _("冻结名录")
    RESTART = "restart", _("冻结名录并重新抽取")
    FOLLOW_UP = "follow-up", _("冻结补充抽取")
    RUN = "run", _("执行抽取")


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("未完成")
