"""Real files of the formats documents arrive in, built for the tests.

* ``text_pdf``: a PDF with a text layer, rendered by WeasyPrint from the lines.
* ``scan_pdf``: a PDF holding only an image of the text (what a scanner makes),
  rendered with Pillow: there is no text layer.
* ``ofd``: an OFD package (GB/T 33190-2016): ``OFD.xml`` → ``Doc_0/Document.xml`` →
  ``Pages/Page_N/Content.xml`` with ``TextObject/TextCode``; each line is split
  into two TextObjects on the same baseline, as layout software writes them.
"""

from __future__ import annotations

import html
import io
import zipfile

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
OFD_NS = "http://www.ofdspec.org/2016"


def text_pdf(lines: list[str]) -> bytes:
    import weasyprint

    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        f'<html><body style="font-family: Noto Serif CJK SC">{paragraphs}</body></html>'
    )
    return weasyprint.HTML(string=page).write_pdf()  # type: ignore[no-any-return]


def scan_pdf(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (600, 40 + 30 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(CJK_FONT, 20)
    except OSError:
        font = ImageFont.load_default()
    for n, line in enumerate(lines):
        draw.text((20, 20 + 30 * n), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=72)
    return out.getvalue()


def _page(lines: list[str]) -> str:
    objects = []
    for n, line in enumerate(lines):
        y = 20 + 10 * n
        half = len(line) // 2
        for part, (x, text) in enumerate(
            ((20, line[:half]), (20 + 5 * half, line[half:]))
        ):
            if not text:
                continue
            objects.append(
                f'<ofd:TextObject ID="{100 + 2 * n + part}" Boundary="{x} {y} 170 8" '
                f'Font="2" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g {len(text) - 1} 5">'
                f"{html.escape(text)}</ofd:TextCode></ofd:TextObject>"
            )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
        f'<ofd:Content><ofd:Layer ID="10">{"".join(objects)}</ofd:Layer></ofd:Content>'
        "</ofd:Page>"
    )


def ofd(pages: list[list[str]]) -> bytes:
    page_refs = "".join(
        f'<ofd:Page ID="{3 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(len(pages))
    )
    parts = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" '
            'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
            "<ofd:DocID>0c8d7e0f0a1b4c2d9e3f4a5b6c7d8e9f</ofd:DocID>"
            "<ofd:CreationDate>2026-03-02</ofd:CreationDate></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>200</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" '
            'BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体" '
            'FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ),
    }
    for n, lines in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = _page(lines)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()
