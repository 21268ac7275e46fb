"""How a document leaves the server: never cached, never sniffed, its name safe, inline only
for the preview and only inside our own pages."""

import pytest
from django.urls import reverse

from tests.support.factories import make_document
from tests.support.files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf(worker, staff):
    return make_document(worker, by=staff, content=pdf_bytes(), filename="诊断书 \"1\".pdf",
                         kind="diagnosis")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_download_is_an_attachment_that_nobody_keeps(client, staff, pdf):
    client.force_login(staff)
    response = client.get(reverse("documents:download", args=[pdf.pk]))
    assert response.status_code == 200
    assert body(response) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition  # RFC 5987: the Chinese name, escaped
    assert '"1"' not in disposition
    assert response["X-Frame-Options"] == "DENY"


def test_the_inline_copy_is_framed_by_our_own_pages_only(client, staff, pdf):
    client.force_login(staff)
    response = client.get(reverse("documents:inline", args=[pdf.pk]))
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "'none'" not in policy.split(
        "frame-ancestors")[1].split(";")[0]


def test_the_preview_page_frames_the_pdf_and_the_policy_allows_it(client, staff, pdf):
    client.force_login(staff)
    response = client.get(reverse("documents:preview", args=[pdf.pk]))
    page = response.content.decode()
    assert f'<iframe src="{reverse("documents:inline", args=[pdf.pk])}"' in page
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-src" not in policy
    assert "no-store" in response["Cache-Control"]


def test_an_image_preview_and_thumbnail(client, staff, worker):
    document = make_document(worker, by=staff)
    client.force_login(staff)
    page = client.get(reverse("documents:preview", args=[document.pk])).content.decode()
    assert f'<img src="{reverse("documents:inline", args=[document.pk])}"' in page
    thumbnail = client.get(reverse("documents:thumbnail", args=[document.pk]))
    assert thumbnail["Content-Type"] == "image/jpeg"
    assert body(thumbnail).startswith(b"\xff\xd8\xff")
    assert "no-store" in thumbnail["Cache-Control"]


def test_a_pdf_has_no_thumbnail(client, staff, pdf):
    client.force_login(staff)
    assert client.get(reverse("documents:thumbnail", args=[pdf.pk])).status_code == 404
