"""Word files laid out as official documents (GB/T 9704-2012 党政机关公文格式).

- Paper A4 (210 mm × 297 mm, §5.2.1); 版心 156 mm × 225 mm with 天头 37 mm and
  订口 28 mm (§5.2.2), so the margins are top 37, bottom 35, left 28, right 26 mm.
- 正文 3号仿宋 (16 pt), 22 lines to a page (§5.2.3 and §7.3.3): exactly 28.95 pt a line.
- 标题 2号小标宋 (22 pt), centred (§7.3.1); 一级标题 黑体, 二级标题 楷体, 三号
  (§7.3.3); 页码 4号 (14 pt) “— 1 —” (§7.5).

The fonts are named as Chinese offices install them; where one is missing, the font
table names Noto CJK as its alternative (``w:altName``), which LibreOffice and Word
take before their own fallback, so a server or a Linux desktop still prints
ideographs in the right style family (serif for 仿宋/宋, sans for 黑体).
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = ("黑体", "楷体_GB2312", BODY_FONT)
LATIN_FONT = "Times New Roman"
# The alternative each Chinese font falls back to where it is not installed.
FALLBACK = {
    BODY_FONT: "Noto Serif CJK SC",
    TITLE_FONT: "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
}
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(10.5)  # 五号
LINE = Pt(28.95)  # 225 mm / 22 lines


def set_font(
    target: Any, name: str, size: Any = None, bold: bool | None = None
) -> None:
    """Set ``target``'s (a style's or a run's) font: the Chinese face for East Asian
    text, Times New Roman for Latin letters and digits."""
    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    element = target.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), name)


def _font_table(document: Any) -> None:
    """Name Noto CJK as each Chinese font's alternative in the font table."""
    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alternative in FALLBACK.items():
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", name)
        alt = etree.SubElement(font, f"{{{w}}}altName")
        alt.set(f"{{{w}}}val", alternative)
        charset = etree.SubElement(font, f"{{{w}}}charset")
        charset.set(f"{{{w}}}val", "86")  # GB2312
    part._blob = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _page_number(section: Any) -> None:
    """“— N —” centred in the footer, 四号 (§7.5, simplified: centred on every page)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before = paragraph.add_run("— ")
    field_start = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    field_start._r.append(begin)
    instruction = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    field_end = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    field_end._r.append(end)
    after = paragraph.add_run(" —")
    for run in (before, field_start, instruction, field_end, after):
        set_font(run, "宋体", PAGE_NUMBER_SIZE)


def official_document(document: Any) -> Any:
    """Set ``document`` (python-docx) up as a GB/T 9704 page: A4, margins, styles
    ``Normal`` (正文), ``Title`` (标题), ``Heading 1..3`` and page numbers."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(25)
        _page_number(section)
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    title = document.styles["Title"]
    set_font(title, TITLE_FONT, TITLE_SIZE, bold=False)
    title.font.color.rgb = None
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE
    # python-docx's Title has a bottom border; a 公文 title has none.
    borders = title.element.pPr.find(qn("w:pBdr"))
    if borders is not None:
        title.element.pPr.remove(borders)
    for level, name in enumerate(HEADING_FONTS, start=1):
        heading = document.styles[f"Heading {level}"]
        set_font(heading, name, BODY_SIZE, bold=level == 3)
        heading.font.italic = False
        heading.font.color.rgb = None
        heading.paragraph_format.first_line_indent = Pt(32)  # 两字
        heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        heading.paragraph_format.line_spacing = LINE
        heading.paragraph_format.space_before = heading.paragraph_format.space_after = (
            Pt(0)
        )
    _font_table(document)
    return document


def body_paragraph(document: Any, text: str, *, indent: bool = True) -> Any:
    """A paragraph of 正文 with the first line indented two characters."""
    paragraph = document.add_paragraph(text)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    return paragraph
