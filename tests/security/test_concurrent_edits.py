"""Two people saving the same record at the same moment on PostgreSQL (two threads, two
connections): one save wins, the other is refused with the stale-form message; no update is lost
silently."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from aid.models import HardshipWorker
from core.locking import STALE_MESSAGE
from tests.support.factories import ARCHIVE_FORM, make_user, make_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def worker_form(worker: HardshipWorker, name: str, version: int) -> dict:
    return {"name": name, "id_number": "", "phone": "", "union": worker.union_id,
            "employer": "", "employment_status": worker.employment_status,
            "hardship_level": worker.hardship_level, "household_size": 2,
            **ARCHIVE_FORM, "own_monthly_income": "300", "registered_on": "2010-01-01",
            "version": version}


def test_two_simultaneous_edits_of_a_worker_keep_one_and_refuse_the_other():
    worker = make_worker(name="原名")
    entries = worker.history.count()  # created and put in force (the factory)
    clerks = [make_user("staff", f"clerk-{n}") for n in range(2)]
    url = reverse("aid:worker-update", args=[worker.pk])
    clients = []
    for clerk in clerks:
        client = Client()
        client.force_login(clerk)
        opened = client.get(url).context["form"]["version"].value()
        clients.append((client, opened))
    start = threading.Barrier(2)
    responses: dict[str, object] = {}

    def save(client: Client, opened: int, name: str) -> None:
        try:
            start.wait()
            responses[name] = client.post(url, worker_form(worker, name, opened))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(client, opened, name))
               for (client, opened), name in zip(clients, ("甲改的名", "乙改的名"), strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(r.status_code for r in responses.values())
    assert codes == [200, 302]
    winner = next(name for name, r in responses.items() if r.status_code == 302)
    loser = next(r for r in responses.values() if r.status_code == 200)
    assert str(STALE_MESSAGE) in loser.content.decode() or any(
        str(STALE_MESSAGE) in str(e) for e in loser.context["form"].non_field_errors())
    worker.refresh_from_db()
    assert worker.name == winner
    assert worker.version == clients[0][1] + 1  # one save, one version more than opened
    assert worker.history.count() == entries + 1  # the one accepted edit
