"""Demonstration catalogue: code lists, columns, the 2017 work plan (the seed), several
hundred generated documents, interpretations (two of them late), and documents that
are repealed, amended and expired.  Idempotent: rows are keyed by ``import_key``."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from django.conf import settings

from gongkai.accounts.models import Department, User
from gongkai.accounts.types import Staff
from gongkai.clocks.selectors import SHANGHAI
from gongkai.publishing.services import (
    publishing_approve,
    publishing_publish,
    publishing_submit,
)

from . import demo_text
from .demo_guide import GUIDE
from .guide import guide_get, guide_update
from .importing import document_publish_at_once, documents_import
from .models import Column, Document, Genre, Issuer, Topic
from .services import document_create, interpretation_create, relation_add

SEED = Path(__file__).parent / "data" / "work-plan-2017.txt"
COUNT = 400
AREA_DEPARTMENT = {
    "quality": "quality", "standard": "standards", "metrology": "metrology",
    "special": "equipment", "cert": "certification", "enforce": "enforcement",
    "office": "office", "law": "legal",
}  # fmt: skip
COLUMNS = [
    ("zcwj", "政策文件", "规范性文件、意见、办法和决定。", False),
    ("tzgg", "通知公告", "通知、公告和通告。", False),
    ("ccjg", "抽查结果", "产品质量监督抽查结果。", False),
    ("srsgk", "双随机一公开", "随机抽查事项、抽查结果和查处情况。", True),
    ("zlts", "质量提升行动", "质量提升、品牌建设和标准领跑者。", True),
    ("zwgk2017", "2017年政务公开工作", "2017年政务公开工作实施方案及落实情况。", True),
]


def _at(day: dt.date, now: dt.datetime) -> dt.datetime:
    return min(now, dt.datetime.combine(day, dt.time(9, 30), tzinfo=SHANGHAI))


def _columns_for(
    doc: demo_text.DemoDocument, columns: dict[str, Column]
) -> list[Column]:
    out = [columns["zcwj"] if doc.genre in ("01", "04", "10") else columns["tzgg"]]
    if "抽查" in doc.title:
        out += [columns["ccjg"], columns["srsgk"]]
    if "名牌" in doc.title or "地方标准" in doc.title:
        out.append(columns["zlts"])
    return out


def _publish(doc: Document, *, by: Staff, day: dt.date, now: dt.datetime) -> None:
    document_publish_at_once(document=doc, by=by, publish_at=_at(day, now), now=now)


def _interpret(
    doc: Document, *, author: Any, reviewer: Any, delay_days: int, now: dt.datetime
) -> None:
    item = interpretation_create(
        policy=doc,
        title=f"《{doc.title}》政策解读",
        form="qa",
        body=(
            "<h2>一、为什么出台</h2><p>落实法律法规要求，回应企业和群众关切。</p>"
            "<h2>二、主要内容是什么</h2><p>明确工作范围、程序和各方责任。</p>"
            "<h2>三、对企业有什么影响</h2><p>企业应对照要求开展自查，如有疑问可向相关处室咨询。</p>"
        ),
        by=author,
        now=now,
    )
    publishing_submit(obj=item, by=author, now=now)
    publishing_approve(obj=item, by=reviewer, now=now)
    assert doc.publish_at is not None
    publishing_publish(
        obj=item,
        by=reviewer,
        publish_at=min(now, doc.publish_at + dt.timedelta(days=delay_days)),
        now=now,
    )


def _setup() -> dict[str, Column]:
    for order, (code, name) in enumerate(demo_text.TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for order, (code, name) in enumerate(demo_text.GENRES):
        Genre.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    # The successor bureau holds the organisation code today; the predecessor is the
    # issuer of what was written before the merger (demo_text.MERGED_ON).
    Issuer.objects.get_or_create(
        name=demo_text.SUCCESSOR, defaults={"org_code": settings.GONGKAI_ORG_CODE}
    )
    Issuer.objects.get_or_create(name=demo_text.PREDECESSOR, defaults={"order": 5})
    for name in ("福建省公安厅", "福建省商务厅"):
        Issuer.objects.get_or_create(name=name, defaults={"order": 10})
    columns = {}
    for order, (slug, name, description, special) in enumerate(COLUMNS):
        columns[slug], _created = Column.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "is_special": special,
                "order": order,
            },
        )
    return columns


def load(*, now: dt.datetime, out: Any) -> None:
    columns = _setup()
    office = User.objects.get(username="office")
    admin = User.objects.get(username="admin")
    departments = {d.code: d for d in Department.objects.all()}
    report = documents_import(
        files=[(SEED.name, SEED.read_bytes())], department=departments["office"], by=office,
        now=now,
    )  # fmt: skip
    for doc in report.created:
        doc.columns.add(columns["zwgk2017"], columns["zcwj"])
        doc.topic = Topic.objects.get(code="zhzw")
        doc.genre = Genre.objects.get(code="05")
        doc.save(update_fields=["topic", "genre", "updated_at"])
        # Submitted by the import, approved and published a few days after it was
        # written, in 2017, as it was: the home page shows the plan's own date, not
        # the day the demo was loaded.
        written = doc.written_on or now.astimezone(SHANGHAI).date()
        at = _at(written + dt.timedelta(days=3), now)
        publishing_approve(obj=doc, by=admin, accept_warnings=True, now=at)
        publishing_publish(obj=doc, by=office, now=at)
    topics = {t.code: t for t in Topic.objects.all()}
    genres = {g.code: g for g in Genre.objects.all()}
    generated = demo_text.generate(
        count=COUNT, first_year=2015, today=now.astimezone(SHANGHAI).date()
    )
    made = len(report.created)
    late = 0
    for item in generated:
        if Document.objects.filter(import_key=item.key).exists():
            continue
        doc = document_create(
            title=item.title, doc_number=item.doc_number,
            department=departments[AREA_DEPARTMENT[item.area]],
            issuers=[Issuer.objects.get(name=item.issuer)],
            written_on=item.written_on, by=office, topic=topics[item.topic],
            genre=genres[item.genre], keywords=item.keywords, summary=item.summary,
            body="".join(f"<p>{html.escape(p)}</p>" for p in item.body),
            valid_until=item.valid_until, needs_interpretation=item.needs_interpretation,
            columns=_columns_for(item, columns), import_key=item.key, now=now,
        )  # fmt: skip
        _publish(doc, by=office, day=item.published_on, now=now)
        if item.needs_interpretation:
            late += 1
            _interpret(
                doc,
                author=office,
                reviewer=admin,
                delay_days=9 if late <= 2 else 0,
                now=now,
            )
        made += 1
    made += _validity_examples(
        office=office,
        columns=columns,
        department=departments["legal"],
        now=now,
    )
    if made:
        out.write(
            f"  公开目录：新增 {made} 件文件（含种子文件、已废止、已修改、已失效示例）"
        )
    if guide_get() is None:
        guide_update(by=office, now=now, **GUIDE)
        out.write("  公开指南：按条例第十二条填写")


def _validity_examples(
    *,
    office: Any,
    columns: dict[str, Column],
    department: Any,
    now: dt.datetime,
) -> int:
    examples = [
        ("demo-old-rules", "福建省质量技术监督局行政规范性文件管理办法", "闽质监法〔2015〕9号",
         dt.date(2015, 3, 2), None),
        ("demo-repeal", "关于废止《福建省质量技术监督局行政规范性文件管理办法》的决定",
         "闽市监法〔2021〕4号", dt.date(2021, 4, 6), ("repeals", "demo-old-rules")),
        ("demo-spot-rules", "福建省产品质量监督抽查实施细则", "闽质监质〔2016〕21号",
         dt.date(2016, 6, 8), None),
        ("demo-amend", "关于修改《福建省产品质量监督抽查实施细则》的决定", "闽市监质〔2019〕15号",
         dt.date(2019, 9, 3), ("amends", "demo-spot-rules")),
        ("demo-expired", "福建省电动自行车产品质量监督管理暂行办法", "闽质监质〔2016〕30号",
         dt.date(2016, 11, 1), None),
    ]  # fmt: skip
    made = 0
    for key, title, number, written, relation in examples:
        if Document.objects.filter(import_key=key).exists():
            continue
        doc = document_create(
            title=title, doc_number=number, department=department,
            issuers=[Issuer.objects.get(name=demo_text.issuer_on(written))],
            written_on=written, by=office, import_key=key, now=now,
            genre=Genre.objects.get(code="10" if "办法" in title or "细则" in title else "01"),
            topic=Topic.objects.get(code="xzsp"),
            effective_from=written + dt.timedelta(days=30),
            valid_until=dt.date(2018, 12, 31) if key == "demo-expired" else None,
            body=f"<p>{html.escape(title)}。</p><p>本文件依据有关法律法规制定，自发布之日起三十日后施行。</p>",
            columns=[columns["zcwj"]],
        )  # fmt: skip
        if relation is not None:
            kind, target_key = relation
            target = Document.objects.get(import_key=target_key)
            relation_add(source=doc, target=target, kind=kind, by=office, now=now)
        _publish(doc, by=office, day=written + dt.timedelta(days=5), now=now)
        made += 1
    return made
