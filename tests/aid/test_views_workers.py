from datetime import date
from uuid import uuid4

import pytest
from django.urls import reverse

from aid.models import AidCase, HardshipWorker
from core.locking import STALE_MESSAGE
from tests.support.factories import (
    ARCHIVE_FORM,
    make_case,
    make_union,
    make_user,
    make_worker,
    valid_id,
)

pytestmark = pytest.mark.django_db

ID = valid_id("23072219650412002")  # 23072219650412002X
MASKED = "230722********002X"


def worker_post(union, **overrides):
    data = {"name": "刘桂芝", "id_number": ID, "phone": "13945860001", "union": union.pk,
            "employer": "嘉荫县酒厂", "employment_status": "laid_off",
            "hardship_level": "extreme", "main_cause": "illness", "secondary_causes": ["schooling"],
            "household_size": 3,
            **ARCHIVE_FORM, "own_monthly_income": "260.00", "registered_on": "2011-05-04",
            "exited_on": "", "submission_token": str(uuid4())}
    data.update(overrides)
    return data


def test_list_masks_id_numbers(client, staff):
    make_worker(name="刘桂芝", id_number=ID)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"))
    content = response.content.decode()
    assert MASKED in content
    assert ID not in content


@pytest.mark.parametrize(("q", "found"), [("桂芝", True), ("002X", True), ("2002x", True),
                                          ("9999", False), ("张", False)])
def test_list_searches_by_name_or_last_digits(client, staff, q, found):
    make_worker(name="刘桂芝", id_number=ID)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"), {"q": q})
    assert ("刘桂芝" in response.content.decode()) is found


def test_list_filters_by_union(client, staff):
    first, second = make_union(), make_union()
    make_worker(name="甲职工", union=first)
    make_worker(name="乙职工", union=second)
    client.force_login(staff)
    content = client.get(reverse("aid:worker-list"), {"union": first.pk}).content.decode()
    assert "甲职工" in content
    assert "乙职工" not in content


def test_list_shows_an_empty_state(client, staff):
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"), {"q": "无此人"})
    assert 'data-testid="empty"' in response.content.decode()


def test_list_query_count_does_not_grow_with_rows(client, staff, django_assert_max_num_queries):
    union = make_union()
    for _ in range(60):
        make_worker(union=union)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("aid:worker-list"))
    assert response.context["paginator"].count == 60
    assert len(response.context["workers"]) == 50


def test_search_json_masks_id_numbers(client, staff):
    worker = make_worker(name="刘桂芝", id_number=ID)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-search"), {"q": "桂芝"})
    assert response.json()["results"] == [{
        "id": worker.pk, "name": "刘桂芝", "id_number": MASKED, "union": worker.union.name,
        "hardship_level": "深度困难", "exited": False, "active": True,
        "state": "在档"}]
    assert ID not in response.content.decode()


def test_search_json_finds_by_last_digits_and_lower_case_x(client, staff):
    make_worker(name="甲", id_number=valid_id("11010519491231001"))
    make_worker(name="乙", id_number="11010519491231002X")
    client.force_login(staff)
    results = client.get(reverse("aid:worker-search"), {"q": "002x"}).json()["results"]
    assert [r["name"] for r in results] == ["乙"]


def test_search_json_is_limited_to_ten(client, staff):
    union = make_union()
    for n in range(12):
        make_worker(name=f"王{n}", union=union)
    client.force_login(staff)
    assert len(client.get(reverse("aid:worker-search"), {"q": "王"}).json()["results"]) == 10


def test_detail_shows_the_whole_id_number(client, leader):
    worker = make_worker(id_number=ID)
    client.force_login(leader)
    response = client.get(reverse("aid:worker-detail", args=[worker.pk]))
    assert ID in response.content.decode()


def test_a_user_without_a_role_cannot_open_a_worker(client):
    worker = make_worker(id_number=ID)
    client.force_login(make_user(None, "no-role"))
    response = client.get(reverse("aid:worker-detail", args=[worker.pk]))
    assert response.status_code == 403
    assert ID not in response.content.decode()


def test_detail_audit_trail_masks_the_id_number(client, staff):
    client.force_login(staff)
    client.post(reverse("aid:worker-create"), worker_post(make_union()))
    worker = HardshipWorker.objects.get()
    response = client.get(reverse("aid:worker-detail", args=[worker.pk]))
    history = response.content.decode().split('data-testid="history"')[1]
    assert MASKED in history
    assert ID not in history
    assert "疾病" in history  # causes shown by their labels
    assert response.context["history"][0].who == staff.display_name


def test_create_derives_birth_date_and_sex(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), worker_post(make_union()))
    worker = HardshipWorker.objects.get()
    assert response.status_code == 302
    assert response.url == worker.get_absolute_url()
    assert worker.birth_date == date(1965, 4, 12)
    assert worker.sex == HardshipWorker.Sex.FEMALE
    assert worker.causes == ["illness", "schooling"]


def test_create_stores_lower_case_x_upper_case(client, staff):
    client.force_login(staff)
    client.post(reverse("aid:worker-create"),
                worker_post(make_union(), id_number="11010519491231002x"))
    assert HardshipWorker.objects.get().id_number == "11010519491231002X"


@pytest.mark.parametrize(("number", "message"), [
    ("230722196504120021", "校验码"),
    (valid_id("23072219650230002"), "出生日期"),
    ("2307221965", "18"),
])
def test_create_refuses_a_bad_id_number_with_a_clear_message(client, staff, number, message):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"),
                           worker_post(make_union(), id_number=number))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["id_number"])
    assert not HardshipWorker.objects.exists()


def test_entering_an_existing_id_leads_to_the_existing_archive(client, staff):
    existing = make_worker(name="刘桂芝", id_number="11010519491231002X")
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"),
                           worker_post(make_union(), id_number="11010519491231002x"))
    assert response.status_code == 200
    assert HardshipWorker.objects.count() == 1
    content = response.content.decode()
    assert 'data-testid="existing-worker"' in content
    assert existing.get_absolute_url() in content


def test_stale_worker_edit_is_refused(client, staff, admin_user):
    worker = make_worker(name="原名", id_number=ID)
    client.force_login(staff)
    stale = client.get(reverse("aid:worker-update", args=[worker.pk])).context["form"]
    version = stale["version"].value()
    client.force_login(admin_user)
    first = worker_post(worker.union, name="管理员改", version=version)
    assert client.post(reverse("aid:worker-update", args=[worker.pk]), first).status_code == 302
    client.force_login(staff)
    response = client.post(reverse("aid:worker-update", args=[worker.pk]),
                           worker_post(worker.union, name="工作人员改", version=version))
    assert response.status_code == 200
    assert str(STALE_MESSAGE) in response.context["form"].non_field_errors()
    worker.refresh_from_db()
    assert worker.name == "管理员改"


def test_editing_without_retyping_the_id_number_keeps_it(client, staff):
    worker = make_worker(name="原名", id_number=ID)
    client.force_login(staff)
    form = client.get(reverse("aid:worker-update", args=[worker.pk])).context["form"]
    assert form["id_number"].value() == ""
    response = client.post(reverse("aid:worker-update", args=[worker.pk]), worker_post(
        worker.union, name="新名", id_number="", version=form["version"].value()))
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.name, worker.id_number) == ("新名", ID)


def test_editing_can_correct_the_id_number(client, staff):
    worker = make_worker(id_number=ID)
    client.force_login(staff)
    version = client.get(reverse("aid:worker-update", args=[worker.pk])).context["form"][
        "version"].value()
    corrected = valid_id("23072219650412004")
    client.post(reverse("aid:worker-update", args=[worker.pk]),
                worker_post(worker.union, id_number=corrected, version=version))
    worker.refresh_from_db()
    assert worker.id_number == corrected
    assert worker.birth_date == date(1965, 4, 12)


def test_worker_page_lists_the_workers_cases(client, staff):
    case = make_case(entered_by=staff)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-detail", args=[case.worker.pk]))
    assert list(response.context["cases"]) == [case]
    assert str(AidCase.Status.DRAFT.label) in response.content.decode()
