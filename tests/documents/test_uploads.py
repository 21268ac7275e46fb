"""What may be uploaded: PDF and images checked by their content, within the size limit."""

import pytest
from django.contrib.contenttypes.models import ContentType

from documents.models import ProofDocument
from documents.storage import documents_storage
from tests.documents.helpers import upload
from tests.support.files import (
    LINUX_PROGRAM,
    WINDOWS_PROGRAM,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def field_errors(response, field="file") -> list[str]:
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize(("program", "name"), [(WINDOWS_PROGRAM, "收入证明.pdf"),
                                               (LINUX_PROGRAM, "诊断书.png")])
def test_a_renamed_program_is_refused_with_a_chinese_error_beside_the_field(
        client, staff, worker, program, name):
    client.force_login(staff)
    response = upload(client, worker, program, name, content_type="application/pdf")
    assert response.status_code == 200
    assert any("可执行程序" in error for error in field_errors(response))
    assert "可执行程序" in response.content.decode()
    assert not ProofDocument.objects.exists()


def test_a_text_file_named_pdf_is_refused(client, staff, worker):
    client.force_login(staff)
    response = upload(client, worker, b"<html><script>alert(1)</script></html>", "x.pdf")
    assert any("不是 PDF" in error for error in field_errors(response))
    assert not ProofDocument.objects.exists()


def test_a_file_over_the_limit_is_refused(client, staff, worker, settings):
    settings.DOCUMENT_MAX_BYTES = 50_000
    client.force_login(staff)
    response = upload(client, worker, pdf_bytes() + b"%" * 60_000 + b"\n%%EOF\n", "big.pdf")
    assert response.status_code == 200
    assert any("大于" in error for error in field_errors(response))
    assert not ProofDocument.objects.exists()


def test_the_limit_is_checked_before_the_file_is_read(rf, staff, worker, settings):
    # The request's declared length is over the limit: the upload handler skips the file as
    # it arrives, so no handler ever keeps a byte of it.
    from documents.uploads import LimitedUploadHandler

    settings.DOCUMENT_MAX_BYTES = 1_000
    request = rf.post("/", {"kind": "income", "file": _file(b"%PDF-" + b"0" * 200_000)})
    handler = LimitedUploadHandler(request, settings.DOCUMENT_MAX_BYTES)
    request.upload_handlers = [handler, *request.upload_handlers]
    assert "file" not in request.FILES
    assert handler.too_large
    assert request.POST["kind"] == "income"


def test_a_chunk_past_the_limit_stops_the_file(rf, settings):
    from documents.uploads import LimitedUploadHandler

    settings.DOCUMENT_MAX_BYTES = 70_000  # under the declared length plus the form's room
    request = rf.post("/", {"file": _file(b"%PDF-" + b"0" * 100_000)})
    handler = LimitedUploadHandler(request, settings.DOCUMENT_MAX_BYTES)
    request.upload_handlers = [handler, *request.upload_handlers]
    assert "file" not in request.FILES
    assert handler.too_large


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.pdf", content, content_type="application/pdf")


def test_a_valid_pdf_and_png_are_accepted_and_listed(client, staff, worker):
    client.force_login(staff)
    first = upload(client, worker, pdf_bytes(), "诊断书.pdf", kind="diagnosis")
    second = upload(client, worker, png_bytes(), "户口本.png", kind="hukou",
                    content_type="application/octet-stream")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == worker.get_absolute_url()
    documents = {d.filename: d for d in ProofDocument.objects.all()}
    assert documents["诊断书.pdf"].media_type == "application/pdf"
    assert documents["诊断书.pdf"].thumbnail_key == ""
    assert documents["户口本.png"].media_type == "image/png"
    assert documents["户口本.png"].thumbnail_key
    assert all(d.content_type == ContentType.objects.get_for_model(worker)
               and d.object_id == worker.pk and d.uploaded_by == staff
               for d in documents.values())
    page = client.get(worker.get_absolute_url()).content.decode()
    assert "诊断书.pdf" in page
    assert "户口本.png" in page
    assert "诊断书" in page
    assert "户籍证明" in page


def test_a_jpeg_on_a_case_is_accepted(client, staff, case):
    client.force_login(staff)
    response = upload(client, case, jpeg_bytes(), "发票.jpeg", kind="medical_bill")
    assert response.status_code == 302
    assert "发票.jpeg" in client.get(case.get_absolute_url()).content.decode()


def test_the_stored_file_has_a_random_name_and_the_uploaded_bytes(client, staff, worker):
    client.force_login(staff)
    content = pdf_bytes("stored")
    upload(client, worker, content, "../../etc/收入证明.pdf")
    document = ProofDocument.objects.get()
    assert document.filename == "收入证明.pdf"
    assert "收入证明" not in document.storage_key
    assert ".." not in document.storage_key
    with documents_storage().open(document.storage_key) as stored:
        assert stored.read() == content
    assert document.size == len(content)
    assert len(document.sha256) == 64


def test_the_extension_follows_the_content(client, staff, worker):
    client.force_login(staff)
    upload(client, worker, png_bytes(), "扫描件.pdf")
    assert ProofDocument.objects.get().filename == "扫描件.png"


def test_a_pdf_with_javascript_is_refused(client, staff, worker):
    client.force_login(staff)
    script = b"/OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>"
    response = upload(client, worker, pdf_bytes(extra=script), "x.pdf")
    assert any("脚本" in error for error in field_errors(response))
    assert not ProofDocument.objects.exists()


def test_a_truncated_image_is_refused(client, staff, worker):
    client.force_login(staff)
    response = upload(client, worker, jpeg_bytes()[:400], "photo.jpg")
    assert any("损坏" in error for error in field_errors(response))


def test_an_image_of_too_many_pixels_is_refused_before_decoding(client, staff, worker,
                                                                  settings):
    settings.DOCUMENT_MAX_PIXELS = 10_000
    client.force_login(staff)
    response = upload(client, worker, png_bytes(size=(200, 100)), "big.png")
    assert any("像素" in error for error in field_errors(response))


def test_the_same_file_twice_on_one_record_is_refused(client, staff, worker):
    client.force_login(staff)
    upload(client, worker, png_bytes(), "a.png")
    response = upload(client, worker, png_bytes(), "b.png")
    assert response.status_code == 200
    assert field_errors(response)
    assert ProofDocument.objects.count() == 1


def test_a_missing_file_is_asked_for(client, staff, worker):
    client.force_login(staff)
    response = client.post(f"/documents/aid.hardshipworker/{worker.pk}/upload/",
                           {"kind": "income"})
    assert response.status_code == 200
    assert field_errors(response)
