"""Where proof documents are kept: the "documents" storage of settings.STORAGES (a private
folder by default, an S3-compatible bucket as an option), under random names."""

import uuid

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder no URL points at: asking for a file's URL is a programming error, since every
    document is served through the role-checked views of documents.views."""

    def url(self, name):
        raise NotImplementedError("proof documents have no public URL; use documents:download")


def documents_storage() -> Storage:
    return storages["documents"]


def new_key(extension: str, folder: str = "files") -> str:
    """A random stored name, never the user's file name: files/ab/<uuid>.pdf."""
    name = uuid.uuid4().hex
    return f"{folder}/{name[:2]}/{name}{extension}"
