"""Two people entering the same new worker at the same moment: one archive, the other person is
sent to it; never a 500, never the ID number in the logs."""

import logging
import threading
from unittest import mock
from uuid import uuid4

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from aid.forms import WorkerForm
from aid.models import HardshipWorker
from tests.support.factories import ARCHIVE_FORM, make_union, make_user, make_worker, valid_id

ID = valid_id("23072219650412002")
DUPLICATE = "该身份证号已有档案"  # "An archive with this ID number already exists: …"


def worker_post(union, **overrides) -> dict:
    return {"name": "刘桂芝", "id_number": ID, "phone": "", "union": union.pk, "employer": "",
            "employment_status": "laid_off", "hardship_level": "extreme",
            "household_size": 3,
            **ARCHIVE_FORM, "own_monthly_income": "260.00", "registered_on": "2011-05-04",
            "exited_on": "", "submission_token": str(uuid4()), **overrides}


def someone_else_saves_first(number: str, **fields):
    """WorkerForm's validation, then (before the view saves) another clerk's archive."""
    validate = WorkerForm._post_clean

    def validated_then_raced(form):
        validate(form)
        make_worker(name="先到者", id_number=number, **fields)

    return mock.patch.object(WorkerForm, "_post_clean", validated_then_raced)


def full_numbers_logged(records: list[logging.LogRecord], number: str) -> list[str]:
    """The loggers of the records whose message or exception holds the whole number."""
    formatter = logging.Formatter()
    return [record.name for record in records
            if number in record.getMessage()
            or (record.exc_info and number in formatter.formatException(record.exc_info))]


@pytest.mark.django_db
def test_a_number_taken_between_checking_and_saving_is_a_form_error_with_a_link(
        client, staff, caplog):
    client.force_login(staff)
    union = make_union()
    with caplog.at_level(logging.DEBUG), someone_else_saves_first(ID, union=union):
        response = client.post(reverse("aid:worker-create"), worker_post(union))
    assert response.status_code == 200
    winner = HardshipWorker.objects.get()
    assert winner.name == "先到者"
    assert DUPLICATE in " ".join(response.context["form"].errors["id_number"])
    content = response.content.decode()
    assert 'data-testid="existing-worker"' in content
    assert f'href="{winner.get_absolute_url()}"' in content
    assert full_numbers_logged(caplog.records, ID) == []


@pytest.mark.django_db
def test_a_number_taken_during_validation_links_to_the_archive_too(client, staff):
    # Between WorkerForm's own check of the number and the model's unique check.
    client.force_login(staff)
    union = make_union()
    check = WorkerForm.clean_id_number

    def checked_then_raced(form):
        number = check(form)
        make_worker(name="先到者", id_number=number, union=union)
        return number

    with mock.patch.object(WorkerForm, "clean_id_number", checked_then_raced):
        response = client.post(reverse("aid:worker-create"), worker_post(union))
    assert response.status_code == 200
    winner = HardshipWorker.objects.get()
    assert f'href="{winner.get_absolute_url()}"' in response.content.decode()


@pytest.mark.django_db
def test_the_refused_form_can_be_sent_again_and_is_then_refused_by_validation(client, staff):
    # The savepoint rolled back the failed insert and the submission token: nothing is left
    # half-done, and the same form (same token) is judged again, not taken for "already saved".
    client.force_login(staff)
    union = make_union()
    data = worker_post(union)
    with someone_else_saves_first(ID, union=union):
        client.post(reverse("aid:worker-create"), data)
    again = client.post(reverse("aid:worker-create"), data)
    assert again.status_code == 200
    assert again.context["form"].existing_worker == HardshipWorker.objects.get()


@pytest.mark.django_db
def test_an_edit_to_a_number_taken_meanwhile_is_a_form_error(client, staff):
    worker = make_worker(name="待改者")
    client.force_login(staff)
    url = reverse("aid:worker-update", args=[worker.pk])
    data = worker_post(worker.union, name="待改者", version=worker.version)
    with someone_else_saves_first(ID, union=worker.union):
        response = client.post(url, data)
    assert response.status_code == 200
    assert DUPLICATE in " ".join(response.context["form"].errors["id_number"])
    worker.refresh_from_db()
    assert worker.id_number != ID


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="two connections inserting at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_clerks_creating_the_same_worker_at_once_get_one_archive_and_no_500(caplog):
    union = make_union()
    clerks = [make_user("staff", f"clerk-{n}") for n in range(2)]
    start = threading.Barrier(len(clerks))
    responses = []

    def create(clerk) -> None:
        client = Client()
        client.force_login(clerk)
        try:
            start.wait()
            responses.append(client.post(reverse("aid:worker-create"), worker_post(union)))
        finally:
            connection.close()

    with caplog.at_level(logging.DEBUG):
        for _round in range(3):  # a few rounds, so that the inserts do overlap at least once
            HardshipWorker.objects.all().delete()
            responses.clear()
            threads = [threading.Thread(target=create, args=(clerk,)) for clerk in clerks]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(r.status_code for r in responses) == [200, 302]
            refused = next(r for r in responses if r.status_code == 200)
            winner = HardshipWorker.objects.get()
            assert winner.get_absolute_url() in refused.content.decode()
    assert full_numbers_logged(caplog.records, ID) == []
