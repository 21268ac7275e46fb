"""Value-added returns: list by period and sector, forms with the rules' messages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from economy.models import Sector, ValueAddedReturn
from tests.support.factories import make_household, make_value_added_return

pytestmark = pytest.mark.django_db


@pytest.fixture
def returns(unions):
    return [
        make_value_added_return(union=unions[0], sector=Sector.INDUSTRY,
                                value_added=Decimal("3000000")),
        make_value_added_return(union=unions[1], sector=Sector.TRADE,
                                value_added=Decimal("1000000")),
        make_value_added_return(union=unions[0], sector=Sector.INDUSTRY,
                                period_start=date(2011, 1, 1), period_end=date(2011, 6, 30),
                                value_added=Decimal("2400000")),
    ]


def test_the_list_filters_by_period_and_sector_with_totals(client, leader, returns):
    client.force_login(leader)
    url = reverse("economy:return-list")
    response = client.get(url, {"start": "2012-01-01", "end": "2012-06-30"})
    assert response.context["totals"] == {"value_added": Decimal("4000000"), "count": 2}
    response = client.get(url, {"start": "2012-01-01", "end": "2012-06-30",
                                "sector": "industry"})
    assert list(response.context["returns"]) == [returns[0]]
    assert "400.00万元" not in response.content.decode()
    assert "300.00万元" in response.content.decode()
    assert client.get(url).context["totals"]["count"] == 3


def test_the_list_takes_a_fixed_number_of_queries(client, staff, unions,
                                                  django_assert_max_num_queries):
    for i in range(40):
        household = make_household(owner=f"户主{i}", union=unions[i % 5])
        make_value_added_return(household=household, sector=Sector.AGRICULTURE)
        make_value_added_return(union=unions[i % 5], sector=Sector.values[i % 8],
                                period_start=date(2010 + i // 40, 1, 1 + i // 5 % 8 * 3),
                                period_end=date(2010 + i // 40, 1, 1 + i // 5 % 8 * 3))
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("economy:return-list"))
    assert len(response.context["returns"]) == 50


def post_return(client, **data):
    form = client.get(reverse("economy:return-create")).context["form"]
    fields = {"sector": "industry", "period_start": "2012-01-01", "period_end": "2012-06-30",
              "value_added": "1250000.00", "submission_token": form["submission_token"].initial}
    return client.post(reverse("economy:return-create"), {**fields, **data})


def test_staff_enter_a_union_return(client, staff, unions):
    client.force_login(staff)
    response = post_return(client, union=unions[2].pk)
    created = ValueAddedReturn.objects.get()
    assert response["Location"] == created.get_absolute_url()
    assert created.value_added == Decimal("1250000")
    assert created.union == unions[2]
    assert created.history.get().history_user == staff


def test_the_same_form_submitted_twice_creates_one_return(client, staff, unions):
    client.force_login(staff)
    form = client.get(reverse("economy:return-create")).context["form"]
    data = {"union": unions[2].pk, "sector": "industry", "period_start": "2012-01-01",
            "period_end": "2012-06-30", "value_added": "5",
            "submission_token": form["submission_token"].initial}
    client.post(reverse("economy:return-create"), data)
    client.post(reverse("economy:return-create"), data)
    assert ValueAddedReturn.objects.count() == 1


def test_an_overlapping_return_is_refused_with_the_reason(client, staff, unions, returns):
    client.force_login(staff)
    response = post_return(client, union=unions[0].pk, period_start="2012-04-01")
    assert response.status_code == 200
    assert ("嘉荫县林业局工会已有2012-01-01至2012-06-30的工业报表，与本统计期重叠。"
            in response.content.decode())
    assert ValueAddedReturn.objects.count() == 3


def test_choosing_both_or_no_reporter_is_refused(client, staff, unions):
    household = make_household(sector=Sector.INDUSTRY)
    client.force_login(staff)
    for reporter in ({}, {"union": unions[0].pk, "household": household.pk}):
        response = post_return(client, **reporter)
        assert "增加值报表由基层工会或自营经济户填报：请二选一。" in response.content.decode()
    assert not ValueAddedReturn.objects.exists()


def test_a_negative_value_is_refused(client, staff, unions):
    client.force_login(staff)
    response = post_return(client, union=unions[0].pk, value_added="-1")
    assert "金额不能为负数。" in response.content.decode()


def test_a_household_return_form_starts_from_the_household(client, staff, unions):
    household = make_household(sector=Sector.AGRICULTURE)
    client.force_login(staff)
    form = client.get(reverse("economy:return-create"),
                      {"household": household.pk}).context["form"]
    assert form.initial["household"] == household
    assert form.initial["sector"] == "agriculture"


def test_a_stale_return_form_is_refused(client, staff, returns, unions):
    item = returns[1]
    client.force_login(staff)
    url = reverse("economy:return-update", args=[item.pk])
    version = client.get(url).context["form"]["version"].initial
    data = {"union": unions[1].pk, "sector": "trade", "period_start": "2012-01-01",
            "period_end": "2012-06-30", "version": version}
    assert client.post(url, {**data, "value_added": "7"}).status_code == 302
    response = client.post(url, {**data, "value_added": "8"})
    assert "已有其他人保存了修改" in response.content.decode()
    item.refresh_from_db()
    assert item.value_added == Decimal(7)


def test_the_return_page_shows_who_changed_what(client, staff, leader, returns, unions):
    item = returns[1]
    client.force_login(staff)
    url = reverse("economy:return-update", args=[item.pk])
    client.post(url, {"union": unions[1].pk, "sector": "trade", "period_start": "2012-01-01",
                      "period_end": "2012-06-30", "value_added": "1200000", "version": 0})
    client.force_login(leader)
    page = client.get(item.get_absolute_url()).content.decode()
    history = page[page.index('data-testid="history"'):]
    assert "张工作" in history
    assert "1000000.00" in history
    assert "1200000.00" in history
