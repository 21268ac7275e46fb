from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def upload_url(record) -> str:
    return reverse("documents:upload", args=[record._meta.label_lower, record.pk])


def upload(client, record, content: bytes, name: str, kind: str = "income",
           content_type: str = "application/pdf", follow: bool = False):
    """Post the panel's form as a browser would (the browser's content type is a lie on
    purpose in some tests: the server never reads it)."""
    return client.post(upload_url(record), {
        "kind": kind, "notes": "",
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    }, follow=follow)
