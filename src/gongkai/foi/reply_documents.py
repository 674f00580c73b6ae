"""Documents disclosed with a reply: their text, and redaction (no Django).

* Text: a PDF page by page from its text layer (pypdfium2); a page with no text is
  *scanned* and needs a person to look; DOCX paragraphs and table cells; XLSX cell
  values; an image has no text at all (one scanned page).
* Redaction (``redact_pdf``): every text object of a page that overlaps a span to
  remove is taken out of the page and replaced by a picture of the same area, with
  the spans painted black. The characters are gone from the file, not covered; the
  rest of the page keeps its text layer. PDFium cannot split a text object, so the
  other characters of an affected line remain only as pixels. A DOCX or XLSX
  (``redact_docx``, ``redact_xlsx``) has each value replaced by as many ■ in its
  runs, cells and document properties.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}
MAGIC = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "image": (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"),
}
_SCALE = 3  # rendering scale of the pictures that replace redacted lines (216 dpi)


class DocumentError(ValueError):
    """The file is not a readable document of the kind its name says."""


@dataclass(frozen=True)
class Extracted:
    kind: str
    pages: list[str]  # text of each page ("" for a page without a text layer)
    scanned: list[int]  # 1-based numbers of pages with no text layer


def kind_of(name: str, head: bytes) -> str:
    """The kind of a file from its name, checked against its first bytes."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = KINDS.get(suffix)
    if kind is None or not head.startswith(MAGIC[kind]):
        raise DocumentError(name)
    return kind


def extract(kind: str, data: bytes) -> Extracted:
    """The text of a document, page by page (see the module docstring)."""
    try:
        if kind == "pdf":
            pages = _pdf_pages(data)
        elif kind == "docx":
            pages = [_docx_text(data)]
        elif kind == "xlsx":
            pages = [_xlsx_text(data)]
        else:
            _check_image(data)
            pages = [""]
    except DocumentError:
        raise
    except Exception as exc:  # a damaged file of any library's making
        raise DocumentError(str(exc)) from exc
    scanned = [n for n, text in enumerate(pages, 1) if not text.strip()]
    if kind in ("docx", "xlsx"):
        scanned = []  # an empty office file has nothing to look at
    return Extracted(kind=kind, pages=pages, scanned=scanned)


def _pdf_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range(0, textpage.count_chars()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    book.close()
    return "\n".join(lines)


def _check_image(data: bytes) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.verify()


Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def redact_pdf(data: bytes, spans: dict[int, list[tuple[int, int]]]) -> bytes:
    """A copy of the PDF without the characters of ``spans`` (page number, 1-based →
    [(start, end)] offsets into that page's text as ``extract`` returns it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(data)
    try:
        for number, ranges in spans.items():
            page = pdf[number - 1]
            textpage = page.get_textpage()
            rects: list[Rect] = []
            for start, end in ranges:
                boxes = [textpage.get_charbox(i) for i in range(start, end)]
                if boxes:
                    rects.append(
                        (
                            min(b[0] for b in boxes),
                            min(b[1] for b in boxes),
                            max(b[2] for b in boxes),
                            max(b[3] for b in boxes),
                        )
                    )
            textpage.close()
            height = page.get_height()
            picture = page.render(scale=_SCALE).to_pil()
            victims = [
                obj
                for obj in page.get_objects()
                if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
                and any(_overlaps(obj.get_bounds(), r) for r in rects)
            ]
            for obj in victims:
                left, bottom, right, top = obj.get_bounds()
                crop = picture.crop(
                    (
                        int(left * _SCALE),
                        int((height - top) * _SCALE),
                        int(right * _SCALE) + 1,
                        int((height - bottom) * _SCALE) + 1,
                    )
                ).convert("RGB")
                draw = ImageDraw.Draw(crop)
                for r in rects:
                    if _overlaps((left, bottom, right, top), r):
                        draw.rectangle(
                            (
                                (r[0] - left) * _SCALE - 1,
                                (top - r[3]) * _SCALE - 1,
                                (r[2] - left) * _SCALE + 1,
                                (top - r[1]) * _SCALE + 1,
                            ),
                            fill="black",
                        )
                page.remove_obj(obj)
                obj.close()
                image = pdfium.PdfImage.new(pdf)
                image.set_bitmap(pdfium.PdfBitmap.from_pil(crop))
                w, h = crop.width / _SCALE, crop.height / _SCALE
                image.set_matrix(
                    pdfium.PdfMatrix().scale(w, h).translate(left, top - h)
                )
                page.insert_obj(image)
            page.gen_content()
            page.close()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def _blackout(text: str, values: list[str]) -> str:
    """``text`` with every occurrence of ``values`` replaced by as many ■: the
    characters are gone from the file, the layout keeps their width."""
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "■" * len(value))
    return text


def _docx_paragraphs(document: Any) -> Any:
    """Every paragraph of a document: the body, tables (nested too), headers and
    footers."""

    def walk(container: Any) -> Any:
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from walk(part)


def redact_docx(data: bytes, values: list[str]) -> bytes:
    """A copy of the DOCX with ``values`` removed from its text. A value inside one
    run is replaced there; one spread over several runs is replaced in the
    paragraph's first run and the others emptied (that paragraph keeps the first
    run's formatting)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in _docx_paragraphs(document):
        if not any(v in paragraph.text for v in values):
            continue
        for run in paragraph.runs:
            run.text = _blackout(run.text, values)
        if any(v in paragraph.text for v in values):
            runs = paragraph.runs
            runs[0].text = _blackout(paragraph.text, values)
            for run in runs[1:]:
                run.text = ""
    props = document.core_properties
    for field in ("author", "last_modified_by", "title", "subject", "comments"):
        value = getattr(props, field) or ""
        if any(v in value for v in values):
            setattr(props, field, _blackout(value, values))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def redact_xlsx(data: bytes, values: list[str]) -> bytes:
    """A copy of the workbook with ``values`` removed from every cell (a number that
    is a value, such as a mobile typed as a number, becomes the blacked-out text)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.data_type == "f":
                    continue
                text = str(cell.value)
                if any(v in text for v in values):
                    cell.value = _blackout(text, values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
