"""Letters as files: .docx (python-docx) with the organ's name, number and date."""

from __future__ import annotations

import io

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.clocks.selectors import SHANGHAI

from .models import Letter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_docx(letter: Letter) -> io.BytesIO:
    """The letter as a Word document (the stored paragraphs, as issued)."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(f"{settings.GONGKAI_ORG_NAME}\n{letter.title}")
    run.bold, run.font.size = True, Pt(18)
    number = doc.add_paragraph(f"（{letter.number}）")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, text in enumerate(letter.body):
        paragraph = doc.add_paragraph(text)
        if i:
            paragraph.paragraph_format.first_line_indent = Pt(28)
    issued = letter.issued_at.astimezone(SHANGHAI).date()
    for text in (
        settings.GONGKAI_ORG_NAME,
        f"{issued.year}年{issued.month}月{issued.day}日",
    ):
        sign = doc.add_paragraph(text)
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
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
