"""Workers found by pinyin: on the demo county (type-ahead and list search), and the worker
picker of the case and pairing forms (JavaScript or not)."""

from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import reverse

from aid.models import AidCase, HardshipWorker
from core.pinyin import search_key
from tests.support.factories import make_case, make_worker

pytestmark = pytest.mark.django_db


def demo_worker() -> HardshipWorker:
    """A demo worker named 赵 (赵宝山 in the demo's name list)."""
    return HardshipWorker.objects.filter(name__startswith="赵").order_by("pk").first()


def found_ids(client, term: str) -> list[int]:
    response = client.get(reverse("aid:worker-search"), {"q": term})
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def test_the_demo_worker_is_found_by_full_pinyin_and_by_initials(demo_county, client):
    client.force_login(demo_county.users["staff"])
    worker = demo_worker()
    full, initials = search_key(worker.name).split()[:2]
    assert worker.pk in found_ids(client, full)
    assert worker.pk in found_ids(client, full[:5])  # "zhaob": a prefix as it is typed
    assert worker.pk in found_ids(client, initials)
    assert worker.pk in found_ids(client, initials[:2] + full[-4:])  # "zb" + "shan"-ish mix


def test_the_suggestions_put_names_starting_with_the_term_first(demo_county, client):
    client.force_login(demo_county.users["staff"])
    rows = client.get(reverse("aid:worker-search"), {"q": "zhao"}).json()["results"]
    assert rows
    assert all(row["label"].startswith("赵") for row in rows[:2])


def test_the_worker_list_search_box_matches_pinyin(demo_county, client):
    client.force_login(demo_county.users["staff"])
    worker = demo_worker()
    initials = search_key(worker.name).split()[1]
    response = client.get(reverse("aid:worker-list"), {"q": initials})
    assert worker in response.context["object_list"]
    assert all(initials in w.name_pinyin for w in response.context["object_list"])


def test_the_case_list_search_box_matches_pinyin(demo_county, client):
    client.force_login(demo_county.users["leader"])
    worker = HardshipWorker.objects.filter(cases__isnull=False, name__startswith="赵").first()
    full = search_key(worker.name).split()[0]
    cases = client.get(reverse("aid:case-list"), {"q": full}).context["object_list"]
    assert cases
    assert {case.worker_id for case in cases} == {worker.pk}


def test_worker_search_still_finds_the_last_digits_of_the_id_number(client, staff):
    worker = make_worker(name="赵大山")
    client.force_login(staff)
    assert found_ids(client, worker.id_number[-4:]) == [worker.pk]


def test_the_search_is_bounded(client, staff):
    for n in range(12):
        make_worker(name=f"赵{'一二三四五六七八九十甲乙'[n]}山")
    client.force_login(staff)
    assert len(found_ids(client, "zhao")) == 10
    assert found_ids(client, "zhao" * 30) == []


def case_data(**fields) -> dict:
    return {"kind": "living", "method": "home", "amount": "500", "granted_on": "2012-03-01",
            "submission_token": str(uuid4()), "_save": "", **fields}


def test_without_javascript_a_typed_name_that_matches_one_worker_is_taken(client, staff):
    worker = make_worker(name="赵大山")
    make_worker(name="钱小红")
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_data(worker="", worker_text="zds", worker_shown=""))
    assert response.status_code == 302
    assert AidCase.objects.get().worker == worker


def test_a_typed_name_that_matches_several_workers_is_refused_with_their_names(client, staff):
    make_worker(name="赵大山")
    make_worker(name="赵德山")
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_data(worker="", worker_text="zds", worker_shown=""))
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["worker"])
    assert "赵大山" in error
    assert "赵德山" in error
    assert not AidCase.objects.exists()
    assert 'value="zds"' in response.content.decode()  # the typed text is kept


def test_a_picked_worker_is_kept_and_typing_over_it_searches_again(client, staff):
    picked = make_worker(name="赵大山")
    other = make_worker(name="钱小红")
    client.force_login(staff)
    client.post(reverse("aid:case-create"),
                case_data(worker=picked.pk, worker_text="赵大山", worker_shown="赵大山"))
    client.post(reverse("aid:case-create"),
                case_data(worker=picked.pk, worker_text="qxh", worker_shown="赵大山",
                          amount="600"))
    assert AidCase.objects.get(amount=Decimal(500)).worker == picked
    assert AidCase.objects.get(amount=Decimal(600)).worker == other


def test_the_case_form_shows_a_picker_not_a_list_of_every_worker(client, staff):
    for _ in range(3):
        make_worker()
    case = make_case(entered_by=staff)
    client.force_login(staff)
    content = client.get(reverse("aid:case-update", args=[case.pk])).content.decode()
    assert 'name="worker_text"' in content
    assert f'value="{case.worker.name}"' in content
    assert "<option" not in content.split('name="worker_text"')[0].rsplit("<form", 1)[-1]
