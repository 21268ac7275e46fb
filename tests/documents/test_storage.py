"""Proof documents live in a private place: outside every public static or media path, under
random names, and no URL pattern serves them except the role-checked views."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from documents.storage import PrivateFileSystemStorage, documents_storage
from tests.support.factories import make_document
from tests.test_settings import settings_value

pytestmark = pytest.mark.django_db


def walk(resolver: URLResolver):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry)
        elif isinstance(entry, URLPattern):
            yield entry


def test_the_documents_folder_is_not_under_a_public_path():
    location = Path(documents_storage().location).resolve()
    public = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS),
              *(Path(p) for p in finders.searched_locations)]
    if settings.MEDIA_URL and settings.MEDIA_ROOT:
        public.append(Path(settings.MEDIA_ROOT))
    for folder in public:
        folder = folder.resolve()
        assert not location.is_relative_to(folder), folder
        assert not folder.is_relative_to(location), folder


def test_by_default_the_documents_are_in_var_documents_and_not_static():
    location = settings_value("s.STORAGES['documents']['OPTIONS']['location']", DEBUG="1")
    backend = settings_value("s.STORAGES['documents']['BACKEND']", DEBUG="1")
    root = Path(__file__).resolve().parents[2]
    assert Path(location) == root / "var" / "documents"
    assert backend == "documents.storage.PrivateFileSystemStorage"
    assert not Path(location).is_relative_to(root / "staticfiles")


def test_documents_root_comes_from_the_environment(tmp_path):
    location = settings_value("s.STORAGES['documents']['OPTIONS']['location']", DEBUG="1",
                              DOCUMENTS_ROOT=str(tmp_path))
    assert location == str(tmp_path)


def test_an_s3_bucket_can_be_chosen_with_private_objects():
    expr = "s.STORAGES['documents']['BACKEND'], s.STORAGES['documents']['OPTIONS']"
    value = settings_value(expr, DEBUG="1", DOCUMENTS_S3_BUCKET="gonghui-docs",
                           DOCUMENTS_S3_ENDPOINT_URL="https://s3.example.cn")
    assert "storages.backends.s3.S3Storage" in value
    assert "'bucket_name': 'gonghui-docs'" in value
    assert "'default_acl': 'private'" in value


def test_no_url_pattern_serves_files_statically():
    static_views = [p for p in walk(get_resolver())
                    if getattr(p.callback, "__wrapped__", p.callback) is serve
                    or p.callback is serve]
    assert static_views == []


def test_the_storage_hands_out_no_public_url(worker, staff):
    document = make_document(worker, by=staff)
    assert isinstance(documents_storage(), PrivateFileSystemStorage)
    with pytest.raises(NotImplementedError):
        documents_storage().url(document.storage_key)


def test_the_stored_file_is_not_reachable_by_a_static_or_media_path(client, worker, staff):
    document = make_document(worker, by=staff)
    client.force_login(staff)
    for prefix in (settings.STATIC_URL, settings.MEDIA_URL or "/media/", "/documents/",
                   "/var/documents/"):
        url = "/" + f"{prefix}/{document.storage_key}".strip("/").replace("//", "/")
        assert client.get(url).status_code == 404, url
    # ... only through its view.
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200


def test_the_files_are_readable_by_the_application_user_only(worker, staff):
    document = make_document(worker, by=staff)
    path = Path(documents_storage().path(document.storage_key))
    assert path.stat().st_mode & 0o077 == 0
