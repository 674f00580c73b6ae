"""Documents disclosed with a reply: personal-data scan, redaction that removes the
text, scanned pages checked by a person, the applicant's download, the letter by mail."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongkai.common.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from gongkai.common.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.reply_documents import extract
from gongkai.foi.services import reply_files as files
from gongkai.foi.views.public import SESSION_CASE

from .support import received

pytestmark = pytest.mark.django_db
PHONE, ID = "13800138000", "11010519491231002X"


def pdf_of(*lines: str) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    return HTML(
        string=f"<body style='font-family:sans-serif'>{body}</body>"
    ).write_pdf()


def scanned_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="PDF")
    return out.getvalue()


def text_layer(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() for page in pdf)


LIST = pdf_of(
    "电梯维保单位名单", f"联系人张三，手机{PHONE}，身份证{ID}。", "福州市某电梯公司"
)


def test_redaction_removes_the_text_from_the_text_layer(staff):
    request = received(by=staff)
    added = files.reply_file_add(request=request, name="名单.pdf", data=LIST, by=staff)
    assert [(h["kind"], h["page"], h["value"]) for h in added.hits] == [
        ("mobile", 1, PHONE),
        ("id_number", 1, ID),
    ]
    assert added.releasable is False

    files.reply_file_redact(reply_file=added, by=staff)
    added.refresh_from_db()
    redacted = added.redacted.read()
    left = text_layer(redacted)
    assert PHONE not in left and ID not in left
    assert "电梯维保单位名单" in left and "福州市某电梯公司" in left
    assert PHONE in text_layer(added.file.read())  # the original is kept
    assert added.releasable is True
    assert AuditEvent.objects.filter(action="foi.reply_file_redacted").count() == 1


def test_scanned_page_waits_for_a_person(staff):
    request = received(by=staff)
    added = files.reply_file_add(
        request=request, name="扫描件.pdf", data=scanned_pdf(), by=staff
    )
    assert (added.scanned_pages, added.hits, added.releasable) == ([1], [], False)
    files.reply_file_review(reply_file=added, by=staff)
    added.refresh_from_db()
    assert added.releasable is True
    image = io.BytesIO()
    Image.new("RGB", (10, 10)).save(image, format="PNG")
    photo = files.reply_file_add(
        request=request, name="照片.png", data=image.getvalue(), by=staff
    )
    assert (photo.kind, photo.scanned_pages) == ("image", [1])


def test_office_files_are_scanned_and_redacted_in_their_own_format(staff):
    """DOCX and XLSX: the values are replaced in the file (runs split over a value,
    tables, headers, numbers typed as numbers), not covered; the original stays."""
    import docx
    import openpyxl

    request = received(by=staff)
    document = docx.Document()
    document.add_paragraph(f"联系电话 {PHONE}")
    split = document.add_paragraph("身份证")
    split.add_run(ID[:6])
    split.add_run(ID[6:]).bold = True  # the value spread over two runs
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = f"备用 {PHONE}"
    document.sections[0].header.paragraphs[0].text = f"经办 {PHONE}"
    out = io.BytesIO()
    document.save(out)
    word = files.reply_file_add(request=request, name="a.docx", data=out.getvalue(),
                                by=staff)  # fmt: skip
    assert {h["value"] for h in word.hits} == {PHONE, ID}
    files.reply_file_redact(reply_file=word, by=staff)
    word.refresh_from_db()
    assert word.redacted.name.endswith(".docx")
    redacted = word.redacted.read()
    text = extract("docx", redacted).pages[0]
    assert PHONE not in text and ID not in text and "■" * len(PHONE) in text
    reopened = docx.Document(io.BytesIO(redacted))
    assert PHONE not in reopened.sections[0].header.paragraphs[0].text
    assert PHONE in extract("docx", word.file.read()).pages[0]  # the original kept

    book = openpyxl.Workbook()
    book.active.append(["名称", "身份证", "手机"])
    book.active.append(["张三", ID, int(PHONE)])
    out = io.BytesIO()
    book.save(out)
    sheet = files.reply_file_add(request=request, name="b.xlsx", data=out.getvalue(),
                                 by=staff)  # fmt: skip
    assert sorted(h["kind"] for h in sheet.hits) == ["id_number", "mobile"]
    assert extract("xlsx", out.getvalue()).scanned == []
    files.reply_file_redact(reply_file=sheet, by=staff)
    sheet.refresh_from_db()
    left = extract("xlsx", sheet.redacted.read()).pages[0]
    assert ID not in left and PHONE not in left and "张三" in left

    image = io.BytesIO()
    Image.new("RGB", (10, 10)).save(image, format="PNG")
    photo = files.reply_file_add(
        request=request, name="照片.png", data=image.getvalue(), by=staff
    )
    files.ReplyFile.objects.filter(pk=photo.pk).update(
        hits=[{"kind": "mobile", "page": 1, "start": 0, "end": 11, "value": PHONE}]
    )
    photo.refresh_from_db()
    with pytest.raises(InvalidInputError) as caught:
        files.reply_file_redact(reply_file=photo, by=staff)
    assert caught.value.code == "foi.redact_kind"


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.exe", b"MZ\x90\x00"), ("a.pdf", b"not a pdf"), ("a.pdf", b"%PDF-1.7 broken"),
     ("a.pdf", b"")],
)  # fmt: skip
def test_unreadable_or_other_files_are_refused(staff, name, data):
    request = received(by=staff)
    with pytest.raises(InvalidInputError):
        files.reply_file_add(request=request, name=name, data=data, by=staff)


def test_other_department_cannot_attach(staff, other_staff):
    request = received(by=staff)
    with pytest.raises(PermissionDeniedError):
        files.reply_file_add(request=request, name="a.pdf", data=LIST, by=other_staff)


def test_reply_waits_for_redaction_then_applicant_downloads_and_gets_the_letter(
    client, staff, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    request = received(by=staff)
    added = files.reply_file_add(request=request, name="名单.pdf", data=LIST, by=staff)
    with pytest.raises(ConflictError) as caught:
        services.request_reply(request=request, outcome="disclosed",
                               reply_text="名单见附件。", by=reviewer)  # fmt: skip
    assert caught.value.code == "foi.reply_files_pending"
    files.reply_file_redact(reply_file=added, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reply(request=request, outcome="disclosed",
                               reply_text="名单见附件。", by=reviewer)  # fmt: skip
    mail = mailoutbox[-1]
    assert "已经答复" in mail.body
    [(filename, content, mimetype)] = mail.attachments
    assert filename.endswith(".pdf") and mimetype == "application/pdf"
    assert "政府信息公开申请答复书" in text_layer(content)

    session = client.session
    session[SESSION_CASE] = request.pk
    session.save()
    page = client.get(reverse("foi:case")).content.decode()
    assert "名单.pdf" in page and "已对个人信息作脱敏处理" in page
    response = client.get(reverse("foi:case-file", args=[added.pk]))
    assert response.status_code == 200
    got = b"".join(response.streaming_content)
    assert PHONE not in text_layer(got) and "电梯维保单位名单" in text_layer(got)


def test_applicant_cannot_download_before_the_reply(client, staff):
    request = received(by=staff)
    added = files.reply_file_add(
        request=request, name="无个人信息.pdf", data=pdf_of("公开的名单"), by=staff
    )
    session = client.session
    session[SESSION_CASE] = request.pk
    session.save()
    assert client.get(reverse("foi:case-file", args=[added.pk])).status_code == 404
    client.session.flush()


def test_workbench_upload_and_redact(login, staff, other_staff):
    request = received(by=staff)
    url = reverse("foi-staff:reply-file-upload", args=[request.pk])
    upload = SimpleUploadedFile("名单.pdf", LIST, content_type="application/pdf")
    assert login(other_staff).post(url, {"file": upload}).status_code == 404
    client = login(staff)
    upload = SimpleUploadedFile("名单.pdf", LIST, content_type="application/pdf")
    page = client.post(url, {"file": upload}, follow=True).content.decode()
    assert "发现个人信息 2 处，须脱敏后才能随答复发出。" in page
    added = request.reply_files.get()
    action = reverse(
        "foi-staff:reply-file-action", args=[request.pk, added.pk, "redact"]
    )
    page = client.post(action, follow=True).content.decode()
    assert "已生成脱敏文件（原件保留）" in page
    download = client.get(reverse("foi-staff:reply-file-redacted",
                                  args=[request.pk, added.pk]))  # fmt: skip
    assert PHONE not in text_layer(b"".join(download.streaming_content))
    bad = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(url, {"file": bad}, follow=True).content.decode()
    assert "只接受可以打开的 PDF、DOCX、XLSX、PNG 或 JPG 文件。" in page
