"""economy.figures.for_period: the numbers the half-year summary reports."""

from datetime import date
from decimal import Decimal

import pytest

from economy import figures
from economy.models import Household, Sector, SupportGrant, ValueAddedReturn
from tests.support.factories import make_grant, make_household, make_target
from tests.support.factories import make_value_added_return as make_return

pytestmark = pytest.mark.django_db

H1 = (date(2012, 1, 1), date(2012, 6, 30))


def test_all_eight_sectors_in_fixed_order_with_zeros(unions):
    make_return(union=unions[0], sector=Sector.TRADE, value_added=Decimal("1911.37"))
    result = figures.for_period(*H1)
    assert [s.sector for s in result.by_sector] == [
        "agriculture", "industry", "transport", "trade", "hospitality", "culture", "health",
        "other_services",
    ]
    assert [s.value_added for s in result.by_sector] == [0, 0, 0, Decimal("1911.37"), 0, 0, 0, 0]
    assert [s.label for s in result.by_sector][:3] == ["农林牧渔业", "工业", "交通运输业"]


def test_only_returns_whose_period_lies_within_count(unions):
    make_return(union=unions[0], value_added=Decimal(100))  # 2012 H1
    make_return(union=unions[1], period_start=date(2012, 1, 1), period_end=date(2012, 3, 31),
                value_added=Decimal(10))
    make_return(union=unions[2], period_start=date(2012, 6, 1), period_end=date(2012, 7, 31),
                value_added=Decimal(1000))  # reaches past the end
    make_return(union=unions[3], period_start=date(2011, 1, 1), period_end=date(2011, 6, 30),
                value_added=Decimal(10000))
    assert figures.for_period(*H1).value_added == Decimal(110)


def test_completion_is_the_year_through_end_over_the_target_in_percent(unions):
    make_target(2012, Decimal("319540000"))
    make_return(union=unions[0], value_added=Decimal("174146100"))
    make_return(union=unions[1], period_start=date(2011, 7, 1), period_end=date(2011, 12, 31),
                value_added=Decimal("99999999"))
    result = figures.for_period(date(2012, 4, 1), date(2012, 6, 30))
    assert result.target == Decimal("319540000")
    assert result.value_added == 0  # the half-year return is not within April–June
    assert result.completion == Decimal("54.5")


def test_no_target_means_no_completion(unions):
    make_return(union=unions[0])
    result = figures.for_period(*H1)
    assert result.target is None
    assert result.completion is None


def test_grants_in_the_period_and_cumulative_to_its_end(unions):
    household = make_household(started_on=date(2005, 1, 1))
    make_grant(household=household, amount=Decimal(5000), granted_on=date(2009, 4, 20))
    make_grant(household=household, amount=Decimal(4600), granted_on=date(2012, 5, 24))
    make_grant(household=household, amount=Decimal(700), granted_on=date(2012, 7, 1))
    result = figures.for_period(*H1)
    assert result.grants_in_period == Decimal(4600)
    assert result.grants_cumulative == Decimal(9600)


def test_households_active_at_the_end(unions):
    make_household(owner="甲", started_on=date(2010, 1, 1))
    make_household(owner="乙", started_on=date(2012, 7, 1))
    make_household(owner="丙", started_on=date(2009, 1, 1), closed_on=date(2011, 10, 31))
    assert figures.for_period(*H1).households == 1


def test_an_empty_database_gives_zeros():
    result = figures.for_period(*H1)
    assert result.value_added == 0
    assert result.grants_cumulative == 0
    assert result.households == 0
    assert len(result.by_sector) == 8


def test_figures_take_a_fixed_number_of_queries(unions, django_assert_max_num_queries):
    households = Household.objects.bulk_create(
        Household(owner=f"户主{i}", owner_status=Household.OwnerStatus.EMPLOYED,
                  union=unions[i % len(unions)], sector=Sector.values[i % 8],
                  business=f"项目{i}", started_on=date(2010, 1, 1))
        for i in range(200)
    )
    ValueAddedReturn.objects.bulk_create(
        ValueAddedReturn(household=h, sector=h.sector, period_start=start, period_end=end,
                         value_added=Decimal(100))
        for h in households
        for start, end in ((date(2011, 1, 1), date(2011, 6, 30)), H1)
    )
    SupportGrant.objects.bulk_create(
        SupportGrant(household=h, amount=Decimal(50), granted_on=date(2012, 3, 1), purpose="扶持")
        for h in households
    )
    make_target(2012, Decimal(80000))
    with django_assert_max_num_queries(4):
        result = figures.for_period(*H1)
    assert result.value_added == Decimal(20000)
    assert sum(s.value_added for s in result.by_sector) == result.value_added
    assert result.completion == Decimal("25.0")
    assert result.grants_cumulative == Decimal(10000)
    assert result.households == 200


def test_each_sectors_returns_say_how_far_they_reach(unions):
    make_return(union=unions[0], sector=Sector.INDUSTRY, period_start=date(2012, 1, 1),
                period_end=date(2012, 6, 30))
    make_return(union=unions[1], sector=Sector.TRADE, period_start=date(2012, 1, 1),
                period_end=date(2012, 3, 31), value_added=Decimal(7))
    make_target(2012)
    year = figures.for_period(date(2012, 1, 1), date(2012, 12, 31))
    reach = {s.sector: s.returned_to for s in year.by_sector}
    assert reach["industry"] == date(2012, 6, 30)
    assert reach["trade"] == date(2012, 3, 31)
    assert reach["agriculture"] is None
    assert year.year_returned_to == date(2012, 6, 30)
    second_half = figures.for_period(date(2012, 7, 1), date(2012, 12, 31))
    assert second_half.value_added == 0
    assert second_half.value_added_year == Decimal(100007)  # the year so far, for completion
    assert all(s.returned_to is None for s in second_half.by_sector)
