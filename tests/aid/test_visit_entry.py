"""Visits entered as they happen: the single-visit date defaults into the campaign, the batch page
takes a date per ticked worker, and the messages say exactly what was done."""

import re
from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from aid.models import AidCase
from tests.support.factories import make_campaign, make_case, make_union, make_worker

pytestmark = pytest.mark.django_db


def shown_messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


# --- the single-visit form ---------------------------------------------------------------------

def test_a_chosen_campaign_that_is_over_dates_the_visit_on_its_last_day(client, staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"), {"campaign": campaign.pk})
    assert response.context["form"]["granted_on"].value() == date(2012, 1, 31)


def test_a_running_campaign_dates_the_visit_today(client, staff):
    today = timezone.localdate()
    campaign = make_campaign(starts_on=today - timedelta(days=10),
                             ends_on=today + timedelta(days=10))
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"), {"campaign": campaign.pk})
    assert response.context["form"]["granted_on"].value() == today


def test_a_date_carried_from_the_previous_case_is_kept(client, staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"),
                          {"campaign": campaign.pk, "granted_on": "2012-01-05"})
    assert str(response.context["form"]["granted_on"].value()) == "2012-01-05"


def test_without_a_campaign_the_visit_is_dated_today(client, staff):
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"))
    assert response.context["form"]["granted_on"].value() == timezone.localdate()


def test_the_form_carries_today_and_the_campaigns_dates_for_its_script(client, staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    client.force_login(staff)
    content = client.get(reverse("aid:case-create")).content.decode()
    assert f'data-today="{timezone.localdate().isoformat()}"' in content
    [option] = re.findall(rf'<option value="{campaign.pk}"[^>]*>', content)
    assert 'data-starts-on="2011-12-20"' in option
    assert 'data-ends-on="2012-01-31"' in option


def case_post(worker, campaign, **overrides) -> dict:
    return {"worker": worker.pk, "kind": "visit", "method": "home", "campaign": campaign.pk,
            "amount": "500", "granted_on": "2012-01-10", "notes": "",
            "submission_token": str(uuid4()), "_save": "", **overrides}


def test_saving_with_submit_ticked_says_saved_and_submitted(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_post(make_worker(), campaign, submit_now="on"), follow=True)
    assert AidCase.objects.get().status == AidCase.Status.SUBMITTED
    assert "已保存并提交审批" in response.content.decode()


def test_saving_a_draft_says_saved_and_not_submitted(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), case_post(make_worker(), campaign),
                           follow=True)
    assert AidCase.objects.get().status == AidCase.Status.DRAFT
    content = response.content.decode()
    assert "已保存为草稿" in content
    assert "已保存并提交审批" not in content


def test_save_and_add_another_with_submit_says_submitted(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_post(make_worker(), campaign, submit_now="on",
                                     _addanother=""), follow=True)
    assert "已保存并提交审批" in response.content.decode()


# --- the batch page ----------------------------------------------------------------------------

def batch_post(workers, dates=None, **overrides) -> dict:
    data = {"granted_on": "2012-01-12", "amount": "500", "method": "home", "submit_now": "on",
            "workers": [w.pk for w in workers]}
    for worker, day in (dates or {}).items():
        data[f"date_{worker.pk}"] = day
    data.update(overrides)
    return data


@pytest.fixture
def campaign():
    return make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))


@pytest.fixture
def workers():
    union = make_union()
    return [make_worker(union=union, name=f"职工{n}号") for n in range(9)]


def test_nine_visit_days_need_one_submission(client, staff, campaign, workers):
    days = {worker: f"2012-01-{n + 10:02d}" for n, worker in enumerate(workers)}
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post(workers, days), follow=True)
    saved = dict(AidCase.objects.values_list("worker", "granted_on"))
    assert saved == {worker.pk: date.fromisoformat(day) for worker, day in days.items()}
    content = response.content.decode()
    assert "9条慰问记录已保存并提交审批" in content
    assert "慰问日期分布在9天" in content


def test_a_row_without_its_own_date_takes_the_batch_date(client, staff, campaign, workers):
    first, second = workers[:2]
    client.force_login(staff)
    client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                batch_post([first, second], {first: "2012-01-20", second: ""}))
    saved = dict(AidCase.objects.values_list("worker", "granted_on"))
    assert saved == {first.pk: date(2012, 1, 20), second.pk: date(2012, 1, 12)}


def test_a_row_dated_outside_the_campaign_saves_nothing_and_says_so_beside_it(
        client, staff, campaign, workers):
    good, bad = workers[:2]
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post([good, bad], {good: "2012-01-20", bad: "2012-03-01"}))
    assert response.status_code == 200
    assert not AidCase.objects.exists()
    rows = {worker.pk: worker for worker in response.context["workers"]}
    assert rows[bad.pk].batch_errors
    assert not rows[good.pk].batch_errors
    assert rows[bad.pk].batch_date == "2012-03-01"  # what was typed is shown again
    content = response.content.decode()
    bad_row = content.split(f'value="{bad.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="row-error"' in bad_row
    assert "2011-12-20" in bad_row  # the campaign's dates, beside the row
    good_row = content.split(f'value="{good.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="row-error"' not in good_row


def test_an_unreadable_row_date_is_refused_beside_its_row(client, staff, campaign, workers):
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post(workers[:1], {workers[0]: "2012-13-45"}))
    assert response.status_code == 200
    assert not AidCase.objects.exists()
    [row] = [w for w in response.context["workers"] if w.pk == workers[0].pk]
    assert row.batch_errors


def test_a_date_in_an_unticked_row_is_ignored(client, staff, campaign, workers):
    ticked, unticked = workers[:2]
    client.force_login(staff)
    client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                batch_post([ticked], {unticked: "2012-03-01"}))
    assert list(AidCase.objects.values_list("worker", flat=True)) == [ticked.pk]


def test_a_batch_of_drafts_says_they_are_not_submitted(client, staff, campaign, workers):
    client.force_login(staff)
    data = batch_post(workers[:3])
    del data["submit_now"]
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]), data, follow=True)
    assert set(AidCase.objects.values_list("status", flat=True)) == {AidCase.Status.DRAFT}
    content = response.content.decode()
    assert "3条慰问记录已保存为草稿" in content
    assert "已保存并提交审批" not in content


def test_an_already_visited_worker_gets_the_error_beside_their_row(client, staff, campaign,
                                                                   workers):
    make_case(entered_by=staff, worker=workers[0], kind="visit", amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5))
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-batch", args=[campaign.pk]),
                           batch_post(workers[:2]))
    assert AidCase.objects.count() == 1
    # the visited worker's row has no date box (it cannot be ticked); the error is named above
    assert "职工0号" in " ".join(response.context["form"].non_field_errors())
