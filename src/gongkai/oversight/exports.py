"""Files of oversight: the yearly assessment (XLSX, DOCX) for the 30 November
summary (闽质监〔2017〕126号 三(四)), a post's text and image, the reading-room bundle."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import MediaPost
from .selectors import DepartmentRow

HEAD = ("处室", "到期时限数", "按时", "逾期", "按时率(%)", "平均逾期天数")


def _cells(row: DepartmentRow) -> list[object]:
    c = row.clocks
    return [row.name, c.total, c.met, c.overdue, c.share_met, c.mean_delay]


def assessment_xlsx(rows: Sequence[DepartmentRow], *, year: int) -> bytes:
    """One sheet of departments, one of clock kinds, one of activity counts."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("处室汇总")
    ws.append([_("%s 年度政务公开绩效考核") % year])
    ws.append([_(h) for h in HEAD])
    for row in rows:
        ws.append(_cells(row))
    kinds = wb.create_sheet(_("时限明细"))
    kinds.append(
        [_("处室"), _("时限"), _("按时"), _("逾期"), _("按时率(%)"), _("平均逾期天数")]
    )
    for row in rows:
        for k in row.kinds:
            kinds.append(
                [row.name, k.label, k.met, k.overdue, k.share_met, k.mean_delay]
            )
    act = wb.create_sheet(_("公开情况"))
    act.append([_("处室"), _("类别"), _("项目"), _("数量")])
    for row in rows:
        for group, items in row.activity.items():
            for item, n in items:
                act.append([row.name, group, item, n])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def assessment_docx(rows: Sequence[DepartmentRow], *, year: int) -> bytes:
    """The same figures as a Word report with one table per part."""
    from docx import Document  # imported when a report is asked for

    doc = Document()
    doc.add_heading(_("%s 年度政务公开工作落实情况及绩效考核") % year, level=1)
    doc.add_paragraph(
        _(
            "依据《2017年政务公开工作实施方案》三（四），各单位于11月30日前报送落实情况。"
            "下表为平台记录的法定时限执行情况。"
        )
    )
    table = doc.add_table(rows=1, cols=len(HEAD))
    for cell, text in zip(table.rows[0].cells, HEAD, strict=True):
        cell.text = _(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, _cells(row), strict=True):
            cell.text = "" if value is None else str(value)
    for row in rows:
        if not row.activity:
            continue
        doc.add_heading(row.name, level=2)
        for group, items in row.activity.items():
            doc.add_paragraph(
                f"{group}：" + "；".join(f"{item} {n}" for item, n in items)
            )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def post_bundle(post: MediaPost) -> bytes:
    """A ZIP with the post's text (UTF-8) and its image, to paste into the platform."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("post.txt", f"{post.title}\n\n{post.body}\n")
        if post.image:
            with post.image.open("rb") as f:
                name = post.image.name.rsplit("/", 1)[-1]
                zf.writestr(f"images/{name}", f.read())
    return out.getvalue()


def bundle_pdf(context: dict[str, object]) -> bytes:
    """The reading-room bundle as PDF (WeasyPrint, as the FOI letters)."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string("oversight/bundle_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())
