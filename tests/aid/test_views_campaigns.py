import re
from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import reverse

from aid.models import AidCase, Campaign
from core.locking import STALE_MESSAGE
from tests.support.factories import make_campaign, make_case, make_union, make_worker

pytestmark = pytest.mark.django_db


def batch_post(workers, **overrides):
    data = {"granted_on": "2012-01-12", "amount": "500", "method": "home", "submit_now": "on",
            "workers": [w.pk for w in workers]}
    data.update(overrides)
    return data


def test_staff_creates_a_campaign(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-create"), {
        "name": "2013年两节送温暖", "starts_on": "2012-12-20", "ends_on": "2013-02-20",
        "standard_amount": "600", "notes": "", "submission_token": str(uuid4())})
    campaign = Campaign.objects.get()
    assert response.url == campaign.get_absolute_url()
    assert campaign.standard_amount == Decimal(600)


def test_a_campaign_cannot_end_before_it_starts(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-create"), {
        "name": "倒序", "starts_on": "2012-12-20", "ends_on": "2012-12-01",
        "standard_amount": "", "notes": "", "submission_token": str(uuid4())})
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_stale_campaign_edit_is_refused(client, staff, admin_user):
    campaign = make_campaign(name="原名")
    client.force_login(staff)
    version = client.get(reverse("aid:campaign-update", args=[campaign.pk])).context["form"][
        "version"].value()
    data = {"starts_on": "2011-12-20", "ends_on": "2012-01-31", "standard_amount": "500",
            "notes": "", "version": version}
    client.force_login(admin_user)
    client.post(reverse("aid:campaign-update", args=[campaign.pk]), {**data, "name": "甲"})
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-update", args=[campaign.pk]),
                           {**data, "name": "乙"})
    assert str(STALE_MESSAGE) in response.context["form"].non_field_errors()
    campaign.refresh_from_db()
    assert campaign.name == "甲"


def test_campaign_list_counts_people_and_money_of_counted_cases(client, staff, leader):
    campaign = make_campaign()
    worker = make_worker()
    make_case(entered_by=staff, worker=worker, kind="visit", amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5), status="paid",
              approved_by=leader, paid_by=leader)
    make_case(entered_by=staff, kind="visit", amount=Decimal(500), campaign=campaign,
              granted_on=date(2012, 1, 5))
    client.force_login(staff)
    row = client.get(reverse("aid:campaign-list")).context["campaigns"][0]
    assert (row.counted_workers, row.counted_money, row.pending_cases) == (1, Decimal(500), 1)


def test_batch_records_a_visit_for_each_ticked_worker(client, staff):
    campaign = make_campaign()
    union = make_union()
    workers = [make_worker(union=union) for _ in range(5)]
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post(workers[:4]))
    assert response.url == campaign.get_absolute_url()
    visits = AidCase.objects.filter(campaign=campaign, kind="visit")
    assert sorted(visits.values_list("worker", flat=True)) == sorted(w.pk for w in workers[:4])
    assert set(visits.values_list("status", "amount", "entered_by")) == {
        ("submitted", Decimal(500), staff.pk)}


def test_batch_page_prefills_the_standard_amount_and_disables_visited_workers(client, staff):
    campaign = make_campaign(standard_amount=Decimal(500))
    union = make_union()
    visited, other = make_worker(union=union), make_worker(union=union)
    make_case(entered_by=staff, worker=visited, kind="visit", amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5))
    client.force_login(staff)
    response = client.get(reverse("aid:campaign-batch", args=[campaign.pk]))
    assert response.context["form"]["amount"].value() == Decimal(500)
    flags = {w.pk: w.visited for w in response.context["workers"]}
    assert flags == {visited.pk: True, other.pk: False}
    content = response.content.decode()
    assert re.search(rf'value="{visited.pk}"[^>]*\sdisabled', content)
    assert not re.search(rf'value="{other.pk}"[^>]*\sdisabled', content)


def test_batch_with_an_already_visited_worker_records_nothing_and_names_them(client, staff):
    campaign = make_campaign()
    union = make_union()
    workers = [make_worker(union=union, name=f"职工{n}号") for n in range(3)]
    make_case(entered_by=staff, worker=workers[0], kind="visit", amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5))
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post(workers))
    assert response.status_code == 200
    assert "职工0号" in " ".join(response.context["form"].non_field_errors())
    assert AidCase.objects.count() == 1
    assert response.context["ticked"] == {str(w.pk) for w in workers}


def test_batch_refuses_a_date_outside_the_campaign(client, staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post([make_worker()], granted_on="2012-03-01"))
    assert response.status_code == 200
    assert not AidCase.objects.exists()


def test_batch_needs_a_ticked_worker(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]), batch_post([]))
    assert "workers" in response.context["form"].errors


def test_batch_page_leaves_out_workers_out_of_hardship_before_the_campaign(client, staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20))
    gone = make_worker(exited_on=date(2011, 6, 30))
    here = make_worker()
    client.force_login(staff)
    workers = list(client.get(reverse("aid:campaign-batch", args=[campaign.pk]))
                   .context["workers"])
    assert here in workers
    assert gone not in workers


def test_batch_page_query_count_is_fixed(client, staff, django_assert_max_num_queries):
    campaign = make_campaign()
    union = make_union()
    for _ in range(40):
        make_worker(union=union)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("aid:campaign-batch", args=[campaign.pk]))
    assert len(response.context["workers"]) == 40


def test_campaign_list_query_count_is_fixed(client, staff, django_assert_max_num_queries):
    for n in range(30):
        make_campaign(name=f"活动{n}")
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("aid:campaign-list"))
    assert len(response.context["campaigns"]) == 30
