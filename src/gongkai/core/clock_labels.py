"""Chinese names of clock events, for explanations and the workbench."""

from __future__ import annotations

EVENT_LABELS: dict[str, str] = {
    "received": "收到申请",
    "correction_requested": "发出补正通知",
    "correction_received": "收到补正申请",
    "correction_waived": "确认申请内容明确，无需补正",
    "consultation_sent": "发出征求意见",
    "consultation_answered": "收到征求意见答复",
    "extended": "延长期限",
    "reply_delayed": "延期答复（条例第三十五条）",
    "replied": "答复",
    "withdrawn": "撤回",
    "lapsed": "视为放弃申请",
    "fee_notified": "发出收费通知",
    "fee_paid": "缴纳信息处理费",
    "formed": "信息形成或变更",
    "year_ended": "报告年度结束",
    "report_published": "公布年度报告",
    "published": "公开",
    "not_published": "决定不予公示",
    "decided": "作出处罚决定",
    "decision_changed": "处罚决定变更、撤销或确认违法、无效",
    "occurred": "事件发生",
    "released": "发布权威信息",
    "press_conference_held": "召开新闻发布会",
    "detected": "发现政务舆情",
    "responded": "回应",
}
