"""Letters render as .docx and PDF; the PDF is rasterised and kept for people to look at."""

from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse
from docx import Document

from gongkai.foi.letter_files import letter_docx, letter_pdf
from gongkai.foi.models import LetterTemplate

from .support import at, received, reply

pytestmark = pytest.mark.django_db
SHOTS = Path("/tmp/gongkai-shots")


def _reply(staff):
    request = received(by=staff)
    reply(request=request, outcome="partly", reply_text="提供第1-3页。",
                           reasons="第4页涉及第三方商业秘密", by=staff, now=at("2026-03-02"))  # fmt: skip
    return request.letters.get(kind="reply")


def test_reply_letter_as_docx_has_number_body_and_remedy(staff):
    letter = _reply(staff)
    doc = Document(letter_docx(letter))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert letter.number in text and "政府信息公开申请答复书" in text
    assert "第4页涉及第三方商业秘密" in text
    assert "应当先向福建省人民政府申请行政复议" in text
    assert "2026年3月2日" in text


def test_reply_letter_as_pdf_renders_chinese_text(staff):
    letter = _reply(staff)
    pdf = pypdfium2.PdfDocument(letter_pdf(letter).getvalue())
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    assert "政府信息公开申请答复书" in text and letter.number in text
    image = page.render(scale=1.5).to_pil()
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SHOTS / "foi-letter-reply.png")
    gray = image.convert("L")
    dark = sum(gray.histogram()[:128])
    assert dark > 5000  # glyphs were drawn (missing CJK fonts give empty boxes/blank)


def test_edited_template_is_used_and_a_broken_one_falls_back(staff):
    LetterTemplate.objects.create(
        kind="acknowledgement", text="{applicant}：您好。编号{tracking_number}。"
    )
    request = received(by=staff)
    assert request.letters.get().body == ["张三：您好。编号YSQ2026-00001。"]
    LetterTemplate.objects.filter(kind="acknowledgement").update(text="{applicant")
    second = received(by=staff)
    assert "收到" in " ".join(second.letters.get().body)


def test_staff_pdf_download_and_permission(login, staff, other_staff):
    letter = _reply(staff)
    url = reverse("foi-staff:letter-pdf", args=[letter.request_id, letter.number])
    response = login(staff).get(url)
    assert b"".join(response.streaming_content)[:4] == b"%PDF"
    assert login(other_staff).get(url).status_code == 404


def test_admin_offers_the_default_template_to_edit(login, admin_user, staff):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    assert login(staff).get("/admin/foi/lettertemplate/add/").status_code in (302, 403)
    client = login(admin_user)
    page = client.get("/admin/foi/lettertemplate/add/?kind=reply").content.decode()
    assert "{remedy}" in page


def test_reply_letter_docx_is_an_a4_official_document(staff):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document(letter_docx(_reply(staff)))
    section = doc.sections[0]
    sizes = [
        round(x.mm)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert sizes == [210, 297, 37, 35, 28, 26]  # A4; 版心 156 mm × 225 mm
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title = doc.paragraphs[0]
    assert title.style.name == "Title" and "政府信息公开申请答复书" in title.text
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = [p for p in doc.paragraphs[2:] if p.text]
    assert body[0].paragraph_format.first_line_indent in (None, 0)  # 张三：
    assert body[1].paragraph_format.first_line_indent == Pt(32)  # 两字
    assert body[-1].text == "2026年3月2日"
    assert body[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert body[-1].paragraph_format.right_indent == Pt(64)  # 右空四字
    # The page number field, and Noto CJK named as the fallback of the Chinese fonts.
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    fonts = next(
        r.target_part.blob
        for r in doc.part.rels.values()
        if r.reltype.endswith("/fontTable")
    ).decode()
    assert 'w:name="仿宋_GB2312"' in fonts and "Noto Serif CJK SC" in fonts
