"""ID numbers: whole only on the worker's page; masked in lists, search, export and audit;
never in the logs."""

import logging
from datetime import date
from uuid import uuid4

import pytest
from django.urls import reverse

from aid.models import HardshipWorker
from aid.validators import mask_id_number
from aid.views.workers import WORKER_HISTORY_FORMATTERS
from core.audit import history_entries
from tests.support.factories import ARCHIVE_FORM, make_case, make_union, make_worker, valid_id

pytestmark = pytest.mark.django_db

ID = valid_id("23072219711103004")


def test_the_id_number_never_reaches_the_logs(client, staff, caplog):
    caplog.set_level(logging.DEBUG)
    union = make_union()
    client.force_login(staff)
    form = {"name": "周淑兰", "phone": "", "union": union.pk, "employer": "",
            "employment_status": "laid_off", "hardship_level": "extreme",
            "household_size": 2,
            **ARCHIVE_FORM, "own_monthly_income": "200", "registered_on": "2011-01-01",
            "exited_on": ""}
    client.post(reverse("aid:worker-create"),
                {**form, "id_number": ID[:17] + "0", "submission_token": str(uuid4())})
    client.post(reverse("aid:worker-create"),
                {**form, "id_number": ID, "submission_token": str(uuid4())})
    worker = HardshipWorker.objects.get()
    client.post(reverse("aid:worker-create"),
                {**form, "id_number": ID, "submission_token": str(uuid4())})
    client.get(reverse("aid:worker-search"), {"q": ID})
    client.get(reverse("aid:worker-list"), {"q": ID[-6:]})
    client.get(reverse("aid:worker-detail", args=[worker.pk]))
    client.get(reverse("aid:worker-detail", args=[worker.pk + 1000]))
    client.get(reverse("aid:case-export"))
    assert caplog.records, "the requests above should have logged something"
    assert ID not in caplog.text
    assert ID[:14] not in caplog.text


def test_worker_audit_entries_mask_the_id_number(staff):
    worker = make_worker(id_number=ID)
    corrected = valid_id("23072219711103005")
    worker.id_number = corrected
    worker.save()
    entries = history_entries(worker, formatters=WORKER_HISTORY_FORMATTERS)
    label = str(HardshipWorker._meta.get_field("id_number").verbose_name)
    change = next(c for e in entries for c in e.changes if c.field == label and c.old)
    assert (change.old, change.new) == (mask_id_number(ID), mask_id_number(corrected))
    created = entries[-1].changes
    assert mask_id_number(ID) in [c.new for c in created]
    assert not any(number in text for number in (ID, corrected)
                   for e in entries for c in e.changes for text in (c.old, c.new))


def test_case_pages_show_the_worker_masked(client, staff):
    case = make_case(entered_by=staff, worker=make_worker(id_number=ID),
                     granted_on=date(2012, 2, 1))
    client.force_login(staff)
    for url in (case.get_absolute_url(), reverse("aid:case-list"),
                reverse("aid:case-queue")):
        content = client.get(url).content.decode()
        assert ID not in content


def test_the_id_number_is_whole_only_on_the_worker_page(client, staff):
    worker = make_worker(id_number=ID)
    make_case(entered_by=staff, worker=worker)
    client.force_login(staff)
    assert ID in client.get(worker.get_absolute_url()).content.decode()
    for url in (reverse("aid:worker-list"), reverse("aid:case-list") + "?start=&end=",
                reverse("aid:worker-search") + f"?q={ID[-4:]}",
                reverse("aid:worker-update", args=[worker.pk])):
        content = client.get(url).content.decode()
        assert worker.masked_id_number in content
        assert ID not in content
