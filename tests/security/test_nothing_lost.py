"""Nothing lost, nothing half-done: a form sent twice saves once, and a failure in the middle of
a multi-record operation (batch visits, an import, publishing) leaves no trace."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest
from django.db import models
from django.urls import reverse

from aid import services as aid_services
from aid.models import AidCase, Campaign, HardshipWorker
from core.edit import RecordCreateView
from core.models import ImportBatch
from core.periods import Period
from reports import services as report_services
from reports.models import Publication, Summary
from tests.security.catalogue import project_pages
from tests.support.factories import ARCHIVE_FORM, make_campaign, make_union, make_worker, valid_id
from tests.support.workbooks import xlsx
from unions.imports import HeadcountImporter
from unions.models import HeadcountReturn

pytestmark = pytest.mark.django_db


class Boom(Exception):
    """The failure injected in the middle of an operation."""


def fail_on_call(monkeypatch, owner, name: str, nth: int) -> None:
    """Make `owner.name` work normally until its nth call, which raises Boom."""
    original = getattr(owner, name)
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            raise Boom(f"{name} failed on call {nth}")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)


def test_every_create_page_refuses_a_second_identical_post():
    creating = [page for page in project_pages()
                if page.name.endswith("-create") and hasattr(page.view, "view_class")]
    assert len(creating) >= 14
    missing = [page.name for page in creating
               if not issubclass(page.view.view_class, RecordCreateView)]
    assert missing == []


def test_the_same_worker_form_posted_twice_creates_one_worker(client, staff):
    client.force_login(staff)
    form = {"name": "周淑兰", "id_number": valid_id("23072219700312002"), "phone": "",
            "union": make_union().pk, "employer": "", "employment_status": "laid_off",
            "hardship_level": "extreme", "household_size": 2,
            **ARCHIVE_FORM, "own_monthly_income": "200",
            "registered_on": "2011-01-01", "exited_on": "", "submission_token": str(uuid4())}
    first = client.post(reverse("aid:worker-create"), form)
    second = client.post(reverse("aid:worker-create"), form)
    assert HardshipWorker.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_the_same_campaign_form_posted_twice_creates_one_campaign(client, staff):
    client.force_login(staff)
    form = {"name": "2012年两节送温暖", "starts_on": "2011-12-20", "ends_on": "2012-01-31",
            "standard_amount": "500", "notes": "", "submission_token": str(uuid4())}
    client.post(reverse("aid:campaign-create"), form)
    client.post(reverse("aid:campaign-create"), form)
    assert Campaign.objects.count() == 1


def test_the_same_batch_of_visits_posted_twice_records_each_visit_once(client, staff):
    campaign = make_campaign()
    workers = [make_worker() for _ in range(3)]
    client.force_login(staff)
    form = {"granted_on": "2012-01-10", "amount": "500", "method": "home", "submit_now": "on",
            "workers": [w.pk for w in workers]}
    url = reverse("aid:campaign-batch", args=[campaign.pk])
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 200  # refused: they were visited already
    assert AidCase.objects.filter(campaign=campaign).count() == 3


def test_a_failure_midway_through_batch_visits_records_none(monkeypatch, staff):
    campaign = make_campaign()
    workers = [make_worker() for _ in range(5)]
    fail_on_call(monkeypatch, AidCase, "save", 4)
    with pytest.raises(Boom):
        aid_services.batch_visits(by=staff, campaign=campaign, workers=workers,
                                  amount=Decimal(500), granted_on=date(2012, 1, 10))
    assert not AidCase.objects.exists()
    assert not AidCase.history.exists()


def headcount_file(unions) -> bytes:
    return xlsx([[union.name, date(2012, 6, 30), 100, 80, 20, 5] for union in unions],
                [column.header for column in HeadcountImporter.columns])


def test_a_failure_midway_through_an_import_saves_no_row(monkeypatch, admin_user):
    unions = [make_union() for _ in range(6)]
    content = headcount_file(unions)
    assert HeadcountImporter().parse(content, "counts.xlsx").ok
    # The rows are written in batches; the second batch fails.
    monkeypatch.setattr("unions.services.IMPORT_BATCH_SIZE", 2)
    fail_on_call(monkeypatch, models.QuerySet, "bulk_create", 2)
    with pytest.raises(Boom):
        HeadcountImporter().run(content, "counts.xlsx", by=admin_user)
    assert not HeadcountReturn.objects.exists()
    assert not HeadcountReturn.history.exists()


def test_a_failure_while_confirming_an_import_leaves_the_batch_to_retry(
        monkeypatch, client, admin_user):
    unions = [make_union() for _ in range(3)]
    client.force_login(admin_user)
    batch = ImportBatch.objects.create(kind=HeadcountImporter.kind, filename="counts.xlsx",
                                       content=headcount_file(unions), row_count=3,
                                       uploaded_by=admin_user)

    def save_then_fail(self, rows, *, by):
        HeadcountReturn.objects.create(union=unions[0], as_of=date(2012, 6, 30), members=1,
                                       employed=1, laid_off=0, joined=0)
        raise Boom("the database went away after the first row")

    monkeypatch.setattr(HeadcountImporter, "save", save_then_fail)
    with pytest.raises(Boom):
        client.post(reverse("unions:headcount-import-preview", args=[batch.pk]))
    assert not HeadcountReturn.objects.exists()
    batch.refresh_from_db()
    assert batch.status != ImportBatch.Status.IMPORTED
    monkeypatch.undo()
    assert client.post(reverse("unions:headcount-import-preview",
                               args=[batch.pk])).status_code == 302
    assert HeadcountReturn.objects.count() == 3


def test_a_failure_while_publishing_leaves_no_summary_and_no_version(monkeypatch, leader):
    fail_on_call(monkeypatch, Publication.objects, "create", 1)
    with pytest.raises(Boom):
        report_services.summary_publish(period=Period(2012, "h2"), by=leader)
    assert not Summary.objects.exists()
    assert not Publication.objects.exists()
    report_services.summary_publish(period=Period(2012, "h2"), by=leader)
    assert Publication.objects.get().number == 1

