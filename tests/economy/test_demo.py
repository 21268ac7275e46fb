"""The demo slice reproduces the seed's figures for 2012-01-01..2012-06-30 exactly."""

from datetime import date
from decimal import Decimal

import pytest

from core.money import wan
from economy import demo, figures
from economy.models import AnnualTarget, Household, SupportGrant, ValueAddedReturn
from unions.models import Union

pytestmark = pytest.mark.django_db

H1_2012 = (date(2012, 1, 1), date(2012, 6, 30))


@pytest.fixture
def loaded(unions):
    demo.load()
    return figures.for_period(*H1_2012)


def test_total_value_added_is_17414_61_wan(loaded):
    assert loaded.value_added == Decimal("174146100")
    assert wan(loaded.value_added) == "17414.61万元"


@pytest.mark.parametrize(("sector", "label", "wan_text"), [
    ("agriculture", "农林牧渔业", "1729.66万元"),
    ("industry", "工业", "8815.28万元"),
    ("transport", "交通运输业", "1491.46万元"),
    ("trade", "批零贸易业", "1911.37万元"),
    ("hospitality", "住宿餐饮业", "1532.73万元"),
    ("culture", "文化娱乐业", "489.87万元"),
    ("health", "卫生福利业", "272.66万元"),
    ("other_services", "其它服务业", "1171.58万元"),
])
def test_each_sector_matches_the_seed(loaded, sector, label, wan_text):
    value = next(s for s in loaded.by_sector if s.sector == sector)
    assert value.label == label
    assert wan(value.value_added) == wan_text


def test_transport_is_in_wan_not_yuan(loaded):
    transport = next(s for s in loaded.by_sector if s.sector == "transport")
    assert transport.value_added == Decimal("14914600")


def test_completion_of_the_annual_target_is_54_5_percent(loaded):
    assert loaded.completion == Decimal("54.5")
    assert loaded.target == AnnualTarget.objects.get(year=2012).value_added


def test_support_grants_cumulative_are_just_under_80000_yuan(loaded):
    assert loaded.grants_cumulative == Decimal("79600")
    assert Decimal("70000") < loaded.grants_cumulative < Decimal("80000")
    assert loaded.grants_in_period == Decimal("15600")
    assert SupportGrant.objects.dates("granted_on", "year").count() >= 3


def test_value_added_is_made_of_several_individual_returns_per_sector(loaded):
    for sector in loaded.by_sector:
        returns = ValueAddedReturn.objects.filter(sector=sector.sector, period_start=H1_2012[0],
                                                  period_end=H1_2012[1])
        assert returns.count() >= 3
        assert returns.filter(household__isnull=False).exists()
        assert returns.filter(union__isnull=False).exists()


def test_households_include_black_fungus_and_specialty_breeding(loaded):
    businesses = set(Household.objects.values_list("business", flat=True))
    assert "地栽木耳" in businesses
    assert any(b.startswith("特色养殖") for b in businesses)
    assert loaded.households == Household.objects.active_on(H1_2012[1]).count() >= 15


def test_a_year_earlier_exists_for_the_comparison(loaded):
    earlier = figures.for_period(date(2011, 1, 1), date(2011, 6, 30))
    assert 0 < earlier.value_added < loaded.value_added
    assert all(s.value_added > 0 for s in earlier.by_sector)


def test_loading_twice_changes_nothing(loaded):
    counts = [m.objects.count() for m in (Household, ValueAddedReturn, AnnualTarget,
                                           SupportGrant)]
    history = [m.history.count() for m in (Household, ValueAddedReturn, AnnualTarget,
                                            SupportGrant)]
    demo.load()
    assert [m.objects.count() for m in (Household, ValueAddedReturn, AnnualTarget,
                                         SupportGrant)] == counts
    assert [m.history.count() for m in (Household, ValueAddedReturn, AnnualTarget,
                                         SupportGrant)] == history
    assert figures.for_period(*H1_2012) == loaded


def test_the_demo_uses_only_active_non_joint_unions(loaded):
    used = Union.objects.filter(value_added_returns__isnull=False).distinct()
    assert not used.filter(kind=Union.Kind.JOINT).exists()


def test_the_demo_needs_the_unions_demo_first(db):
    with pytest.raises(RuntimeError, match="load the unions demo first"):
        demo.load()
    assert not Household.objects.exists()
