"""The text of the file formats documents arrive in: .docx, PDF and OFD.

* .docx: its paragraphs (python-docx).
* PDF: the text layer of every page (pypdfium2, the PDFium engine of Chromium).
  A scan has no text layer: its text is empty, and the importer keeps the document
  with a note that it cannot be searched.
* OFD (GB/T 33190-2016 电子文件存储与交换格式 版式文档): a zip whose ``OFD.xml``
  names each document's ``Document.xml`` (``DocBody/DocRoot``); that lists the
  pages (``Pages/Page@BaseLoc``), and each page's ``Content.xml`` holds the text as
  ``TextObject/TextCode`` elements.  Text codes are joined into lines by their
  TextObject's position: a new line where the baseline (``Boundary`` y plus the
  TextCode's ``Y``) moves down.  Paths are resolved against the file that names
  them (GB/T 33190 §7.2: ``ST_Loc`` relative, or absolute from the package root).

Every reader raises ``FormatError`` (a message in Chinese) on a damaged file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree as ET

__all__ = ["FormatError", "docx_paragraphs", "ofd_text", "pdf_text"]

MAX_PART_BYTES = 20 * 1024 * 1024  # one XML part of an OFD package


class FormatError(ValueError):
    """A file that cannot be read in its format."""


def docx_paragraphs(data: bytes) -> str:
    """The paragraph text of a .docx, one paragraph a line."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types on a damaged file
        raise FormatError("无法读取 .docx 文件（文件损坏或不是 Word 文档）。") from exc
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by a blank line ("" for a scan)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise FormatError("无法读取 PDF 文件（文件损坏或不是 PDF）。") from exc
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n\n".join(pages)
    return text if text.strip() else ""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if _local(e.tag) == name]


def _resolve(base: str, loc: str) -> str:
    loc = loc.strip()
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def _xml(package: zipfile.ZipFile, name: str) -> ET.Element:
    try:
        info = package.getinfo(name)
    except KeyError:
        raise FormatError(f"OFD 文件缺少 {name}。") from None
    if info.file_size > MAX_PART_BYTES:
        raise FormatError(f"OFD 文件中的 {name} 过大。")
    try:
        # OFD parts are produced by office software, not attacker-shaped entities;
        # ElementTree does not fetch external entities.
        return ET.fromstring(package.read(name))  # noqa: S314
    except ET.ParseError as exc:
        raise FormatError(f"OFD 文件中的 {name} 不是有效的 XML。") from exc


def _page_lines(content: ET.Element) -> list[str]:
    lines: list[str] = []
    last_y: float | None = None
    for obj in _children(content, "TextObject"):
        boundary = (obj.get("Boundary") or "0 0 0 0").split()
        top = float(boundary[1]) if len(boundary) > 1 else 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            y = top + float(code.get("Y") or 0)
            if last_y is not None and abs(y - last_y) < 0.5 and lines:
                lines[-1] += text
            else:
                lines.append(text)
            last_y = y
    return lines


def ofd_text(data: bytes) -> str:
    """The text of an OFD file, one line per baseline, pages separated by a blank line."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FormatError("无法读取 OFD 文件（不是 OFD/zip 文件）。") from exc
    with package:
        root = _xml(package, "OFD.xml")
        pages: list[str] = []
        for doc_root in _children(root, "DocRoot"):
            doc_name = _resolve("OFD.xml", doc_root.text or "")
            document = _xml(package, doc_name)
            for page in _children(document, "Page"):
                page_name = _resolve(doc_name, page.get("BaseLoc") or "")
                pages.append("\n".join(_page_lines(_xml(package, page_name))))
    text = "\n\n".join(pages)
    return text if text.strip() else ""
