"""Letters as files: .docx (python-docx) with the organ's name, number and date."""

from __future__ import annotations

import io

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from gongkai.clocks.selectors import SHANGHAI
from gongkai.common.docx_layout import body_paragraph, official_document

from .models import Letter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_docx(letter: Letter) -> io.BytesIO:
    """The letter as a Word document (the stored paragraphs, as issued), on an A4
    page after GB/T 9704 (common.docx_layout): 标题 小标宋, 正文 仿宋 三号, the
    first paragraph (the applicant, 主送) flush left, 署名 and 成文日期 on the right."""
    doc = official_document(Document())
    doc.add_paragraph(f"{settings.GONGKAI_ORG_NAME}\n{letter.title}", style="Title")
    number = doc.add_paragraph(f"（{letter.number}）")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_after = Pt(28.95)
    for i, text in enumerate(letter.body):
        body_paragraph(doc, text, indent=bool(i))
    issued = letter.issued_at.astimezone(SHANGHAI).date()
    for i, text in enumerate(
        (settings.GONGKAI_ORG_NAME, f"{issued.year}年{issued.month}月{issued.day}日")
    ):
        sign = doc.add_paragraph(text)
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # 成文日期 右空四字 (GB/T 9704 §7.3.5.1); the organ above it, two from the edge.
        sign.paragraph_format.right_indent = Pt(64 if i else 32)
        if not i:
            sign.paragraph_format.space_before = Pt(57.9)  # two blank lines
    out = io.BytesIO()
    doc.save(out)
    out.seek(0)
    return out


def letter_pdf(letter: Letter) -> io.BytesIO:
    """The letter as PDF (WeasyPrint; CJK from the system's Noto CJK fonts)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    issued = letter.issued_at.astimezone(SHANGHAI).date()
    html = render_to_string(
        "foi/letter_pdf.html",
        {
            "letter": letter,
            "org_name": settings.GONGKAI_ORG_NAME,
            "date": f"{issued.year}年{issued.month}月{issued.day}日",
        },
    )
    return io.BytesIO(HTML(string=html).write_pdf())
