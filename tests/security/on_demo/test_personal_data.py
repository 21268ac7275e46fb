"""ID numbers (DESIGN §3.2): whole only on the worker's own page; masked in every list, export,
search, audit trail and admin page; never in the logs (the session-wide watch in
tests/security/pii_logs.py fails the run if any record held one)."""

import io
import logging
import zipfile
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from aid.models import AidCase, HardshipWorker
from aid.validators import mask_id_number
from pairings.models import Beneficiary
from tests.security.catalogue import admin_urls, project_pages, url_for
from tests.security.pii_logs import IdNumberWatch, id_numbers_in
from tests.support.factories import valid_id

pytestmark = pytest.mark.django_db

KNOWN_ID = valid_id("23072219650704551")
NOT_VISITED = {"login", "logout", "set_language", "healthz"}  # no records on them
# The archive itself, printed or moved (docs/import-formats.md): the national form in Word for
# the roles that see a full ID (all three, DESIGN §4), the export marked "with full ID numbers"
# for those who import archives (staff and admins; a leader gets 403 there).
ARCHIVE_FILES = {"aid:archive-form", "aid:archive-form-batch", "aid:archive-export-full"}


def text_of(response) -> str:
    """The page, or every part of a downloaded .xlsx/.docx (they are zip files of XML)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace")
                           for name in archive.namelist())
    return content.decode("utf-8", "replace")


@pytest.fixture
def known(demo):
    """A demo worker in a pairing, with an aid case, given KNOWN_ID (the change is audited)."""
    worker = HardshipWorker.objects.get(pk=Beneficiary.objects.filter(worker__isnull=False)
                                        .order_by("pk").values("worker")[:1])
    AidCase.objects.create(worker=worker, kind=AidCase.Kind.LIVING, amount=1000,
                           granted_on=date(2012, 5, 8), entered_by=demo["users"]["staff"])
    worker.id_number = KNOWN_ID
    worker._history_user = demo["users"]["staff"]
    worker.save()
    objects = {**demo["objects"], "worker": worker,
               "case": AidCase.objects.filter(worker=worker).first()}
    return worker, objects


def visited_urls(objects, admin) -> list[tuple[str, str]]:
    urls = []
    for page in project_pages():
        view_class = getattr(page.view, "view_class", None)
        if page.name in NOT_VISITED or not hasattr(view_class, "get"):
            continue
        urls.append((page.name, url_for(page, objects, admin)))
    return urls


@pytest.mark.parametrize("role", ["staff", "leader", "admin"])
def test_the_full_id_number_appears_only_on_the_workers_own_page(known, demo, role):
    worker, objects = known
    users = demo["users"]
    client = Client()
    client.force_login(users[role])
    masked = mask_id_number(KNOWN_ID)
    searches = [
        ("aid:worker-list", reverse("aid:worker-list") + f"?q={worker.name}"),
        ("aid:worker-list", reverse("aid:worker-list") + f"?q={KNOWN_ID[-6:]}"),
        ("aid:worker-search", reverse("aid:worker-search") + f"?q={KNOWN_ID}"),
        ("aid:case-list", reverse("aid:case-list") + f"?q={worker.name}"),
        ("aid:case-export", reverse("aid:case-export") + f"?q={worker.name}"),
        ("pairings:pairing-list", reverse("pairings:pairing-list") + f"?q={worker.name}"),
    ]
    pages = visited_urls(objects, users["admin"]) + searches
    if role == "admin":
        pages += [(name, url) for name, (url, _status) in admin_urls(users["admin"]).items()]
    shown_masked = set()
    for name, url in pages:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        text = text_of(response)
        if name == "aid:worker-detail":
            assert KNOWN_ID in text, "the worker's own page shows the whole number"
        elif name in ARCHIVE_FILES:
            assert masked not in text, "the archive's files show the whole number or none"
        else:
            assert KNOWN_ID not in text, f"the whole ID number is on {url}"
        if masked in text:
            shown_masked.add(name)
    # The masked number is really rendered where the worker appears (the check above is not
    # vacuous): the list, the search, the export and the audit trail on the worker's page.
    assert {"aid:worker-list", "aid:worker-search", "aid:case-export",
            "aid:worker-detail", "aid:archive-export"} <= shown_masked


def test_the_workers_audit_trail_shows_the_number_masked(known, demo):
    worker, _objects = known
    client = Client()
    client.force_login(demo["users"]["staff"])
    history = client.get(worker.get_absolute_url()).context["history"]
    texts = [f"{c.old} {c.new}" for entry in history for c in entry.changes]
    assert any(mask_id_number(KNOWN_ID) in text for text in texts)
    assert not any(KNOWN_ID in text for text in texts)


def test_the_log_watch_catches_an_id_number():
    watch = IdNumberWatch()
    logger = logging.getLogger("tests.security.watch")
    logger.addHandler(watch)
    logger.propagate = False  # kept from the session-wide watch, which would fail the run
    try:
        logger.warning("worker %s updated", KNOWN_ID)
        logger.warning("worker %s updated", mask_id_number(KNOWN_ID))
    finally:
        logger.removeHandler(watch)
        logger.propagate = True
    assert watch.found == [("tests.security.watch", mask_id_number(KNOWN_ID))]
    assert id_numbers_in(f"x{KNOWN_ID} 12345678901234567") == []
    assert id_numbers_in(f"id={KNOWN_ID}.") == [KNOWN_ID]
