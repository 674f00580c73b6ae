"""Information requests (依申请公开, plan task 14) and the annual report.

Public pages under ``/foi/``: the guide, the application form (signed time token,
honeypot and per-address rate limit instead of a visual puzzle), the acknowledgement
with tracking number and query code, the case page (status, due date, online
correction, letters as Word and PDF) and the published annual reports.

Workbench under ``/workbench/foi/``: registration from every channel with the day of
receipt of 条例 第三十一条, assignment, correction (第三十条), consultation (第三十二条,
第三十四条; not counted), extension approved by the office (第三十三条), processing fees
(国办函〔2020〕109号, core/fees.py), the reply with one statutory outcome (rules.py) and
the remedy clause, delivery, review and litigation records, often-requested groups that
become catalogue drafts (第四十四条), and the annual report (report/).

Every period is a clock of the clocks app (core/clock_rules.py: foi.reply,
foi.correction_period, foi.third_party_reply, foi.fee_payment), so it appears in the
workbench inbox with its "why this date".

Commands: ``gongkai report annual --year YYYY --format json|docx|xlsx|html
[--output FILE]``, ``gongkai report check FILE.json [--previous LAST.json]``,
``gongkai foi import FILE`` (XLSX, CSV or JSONL).

Settings (all optional): ``GONGKAI_FOI_REVIEW_BODY`` (行政复议机关, default
福建省人民政府), ``GONGKAI_FOI_MIN_FORM_SECONDS`` (default 3),
``GONGKAI_FOI_APPLY_PER_HOUR`` (default 10). Rule values: ``clock.foi.reply.length``,
``clock.foi.reply.fee_pauses``, ``clock.foi.correction_period.length``,
``fee.per_item``, ``fee.per_page_tiers``.
"""
