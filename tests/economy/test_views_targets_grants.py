"""Annual targets and support grants: lists, forms, history."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from economy.models import AnnualTarget, SupportGrant
from tests.support.factories import make_grant, make_household, make_target, make_value_added_return

pytestmark = pytest.mark.django_db


def test_the_target_list_shows_completion_per_year(client, leader, unions):
    make_target(2012, Decimal("10000000"))
    make_target(2011, Decimal("8000000"))
    make_value_added_return(union=unions[0], value_added=Decimal("2500000"))
    make_value_added_return(union=unions[0], period_start=date(2011, 7, 1),
                            period_end=date(2011, 12, 31), value_added=Decimal("8400000"))
    client.force_login(leader)
    response = client.get(reverse("economy:target-list"))
    assert [(t.year, t.completion) for t in response.context["targets"]] == [
        (2012, Decimal("25.0")), (2011, Decimal("105.0"))]


def test_the_target_list_takes_a_fixed_number_of_queries(client, staff, unions,
                                                          django_assert_max_num_queries):
    for year in range(2000, 2020):
        make_target(year)
    client.force_login(staff)
    with django_assert_max_num_queries(7):
        client.get(reverse("economy:target-list"))


def test_staff_set_a_target_and_a_second_for_the_same_year_is_refused(client, staff):
    client.force_login(staff)
    url = reverse("economy:target-create")
    for _attempt in range(2):
        token = client.get(url).context["form"]["submission_token"].initial
        response = client.post(url, {"year": 2012, "value_added": "319540000",
                                     "submission_token": token})
    assert "该年度已有全年任务。" in response.content.decode()
    assert AnnualTarget.objects.get().value_added == Decimal("319540000")


def test_the_grant_list_filters_by_period_with_totals(client, leader, unions):
    household = make_household(started_on=date(2005, 1, 1))
    make_grant(household=household, amount=Decimal(5000), granted_on=date(2009, 4, 20))
    make_grant(household=household, amount=Decimal(4600), granted_on=date(2012, 5, 24))
    client.force_login(leader)
    url = reverse("economy:grant-list")
    assert client.get(url, {"end": "2012-06-30"}).context["totals"] == {
        "amount": Decimal(9600), "count": 2, "households": 1}
    response = client.get(url, {"start": "2012-01-01", "end": "2012-06-30"})
    assert response.context["totals"]["amount"] == Decimal(4600)
    assert "4,600元" in response.content.decode()


def test_the_grant_list_takes_a_fixed_number_of_queries(client, staff, unions,
                                                        django_assert_max_num_queries):
    for i in range(60):
        make_grant(household=make_household(owner=f"户主{i}"))
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("economy:grant-list"))
    assert len(response.context["grants"]) == 50


def test_staff_record_a_grant_for_a_household(client, staff, unions):
    household = make_household()
    client.force_login(staff)
    url = reverse("economy:grant-create")
    form = client.get(url, {"household": household.pk}).context["form"]
    assert form.initial["household"] == str(household.pk)
    response = client.post(url, {"household": household.pk, "amount": "6000",
                                 "granted_on": "2012-04-20", "purpose": "购买蓝莓苗木",
                                 "submission_token": form["submission_token"].initial})
    grant = SupportGrant.objects.get()
    assert response["Location"] == grant.get_absolute_url()
    assert grant.history.get().history_user == staff


def test_a_grant_before_the_household_started_is_refused(client, staff, unions):
    household = make_household(started_on=date(2011, 4, 15))
    client.force_login(staff)
    url = reverse("economy:grant-create")
    token = client.get(url).context["form"]["submission_token"].initial
    response = client.post(url, {"household": household.pk, "amount": "6000",
                                 "granted_on": "2011-01-01", "purpose": "苗木",
                                 "submission_token": token})
    assert "扶持资金的发放日期不能早于该户开业日期（2011-04-15）。" in response.content.decode()
    assert not SupportGrant.objects.exists()


def test_grant_and_target_pages_show_their_history(client, leader, unions):
    grant = make_grant()
    target = make_target()
    client.force_login(leader)
    for url in (grant.get_absolute_url(), target.get_absolute_url()):
        page = client.get(url).content.decode()
        assert 'data-testid="history"' in page
        assert "创建" in page
