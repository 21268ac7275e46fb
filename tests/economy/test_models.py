"""The economy's rules, with the messages users see."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from economy.models import AnnualTarget, Household, Sector, SupportGrant, ValueAddedReturn
from tests.support.factories import make_grant, make_household, make_target, make_value_added_return

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_a_return_needs_a_union_or_a_household(unions):
    orphan = ValueAddedReturn(sector=Sector.INDUSTRY, period_start=date(2012, 1, 1),
                              period_end=date(2012, 6, 30), value_added=Decimal(1))
    assert "增加值报表由基层工会或自营经济户填报：请二选一。" in errors_of(orphan)["__all__"]


def test_a_return_cannot_have_both_a_union_and_a_household(unions):
    both = ValueAddedReturn(union=unions[0], household=make_household(), sector=Sector.AGRICULTURE,
                            period_start=date(2012, 1, 1), period_end=date(2012, 6, 30),
                            value_added=Decimal(1))
    assert "增加值报表由基层工会或自营经济户填报：请二选一。" in errors_of(both)["__all__"]


def test_a_return_period_cannot_end_before_it_starts(unions):
    backwards = ValueAddedReturn(union=unions[0], sector=Sector.INDUSTRY,
                                 period_start=date(2012, 6, 30), period_end=date(2012, 1, 1),
                                 value_added=Decimal(1))
    assert "统计期的截止日期不能早于起始日期。" in errors_of(backwards)["__all__"]


def test_a_return_period_stays_within_one_year(unions):
    spanning = ValueAddedReturn(union=unions[0], sector=Sector.INDUSTRY,
                                period_start=date(2011, 7, 1), period_end=date(2012, 6, 30),
                                value_added=Decimal(1))
    assert errors_of(spanning)["period_end"] == ["报表的统计期必须在同一自然年度内。"]


def test_value_added_cannot_be_negative(unions):
    negative = ValueAddedReturn(union=unions[0], sector=Sector.INDUSTRY,
                                period_start=date(2012, 1, 1), period_end=date(2012, 6, 30),
                                value_added=Decimal("-0.01"))
    assert "金额不能为负数。" in errors_of(negative)["value_added"]


def test_a_household_reports_in_its_own_sector(unions):
    household = make_household(sector=Sector.AGRICULTURE)
    wrong = ValueAddedReturn(household=household, sector=Sector.TRADE,
                             period_start=date(2012, 1, 1), period_end=date(2012, 6, 30),
                             value_added=Decimal(1))
    assert errors_of(wrong)["sector"] == ["该自营经济户只能按其所属行业（农林牧渔业）填报。"]


def test_overlapping_periods_of_the_same_union_and_sector_are_refused(unions):
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY, period_start=date(2012, 1, 1),
                            period_end=date(2012, 6, 30))
    overlapping = ValueAddedReturn(union=unions[0], sector=Sector.INDUSTRY,
                                   period_start=date(2012, 6, 1), period_end=date(2012, 9, 30),
                                   value_added=Decimal(1))
    assert errors_of(overlapping)["__all__"] == [
        "嘉荫县林业局工会已有2012-01-01至2012-06-30的工业报表，与本统计期重叠。"
    ]


def test_overlapping_periods_of_the_same_household_are_refused(unions):
    household = make_household()
    make_value_added_return(household=household, sector=Sector.AGRICULTURE)
    again = ValueAddedReturn(household=household, sector=Sector.AGRICULTURE,
                             period_start=date(2012, 3, 1), period_end=date(2012, 3, 31),
                             value_added=Decimal(1))
    assert errors_of(again)["__all__"] == [
        "王春林（地栽木耳）已有2012-01-01至2012-06-30的农林牧渔业报表，与本统计期重叠。"
    ]


def test_adjacent_periods_other_sectors_and_other_reporters_are_fine(unions):
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY)
    for candidate in (
        ValueAddedReturn(union=unions[0], sector=Sector.INDUSTRY, period_start=date(2012, 7, 1),
                         period_end=date(2012, 12, 31), value_added=Decimal(1)),
        ValueAddedReturn(union=unions[0], sector=Sector.TRADE, period_start=date(2012, 1, 1),
                         period_end=date(2012, 6, 30), value_added=Decimal(1)),
        ValueAddedReturn(union=unions[1], sector=Sector.INDUSTRY, period_start=date(2012, 1, 1),
                         period_end=date(2012, 6, 30), value_added=Decimal(1)),
    ):
        candidate.full_clean()


def test_editing_a_return_does_not_overlap_itself(unions):
    existing = make_value_added_return(union=unions[0])
    existing.value_added = Decimal(5)
    existing.full_clean()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints")
def test_the_database_refuses_overlaps_that_bypass_validation(unions):
    make_value_added_return(union=unions[0], sector=Sector.INDUSTRY)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value_added_return(union=unions[0], sector=Sector.INDUSTRY,
                                period_start=date(2012, 3, 1), period_end=date(2012, 12, 31))
    household = make_household()
    make_value_added_return(household=household, sector=Sector.AGRICULTURE)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value_added_return(household=household, sector=Sector.AGRICULTURE,
                                period_start=date(2012, 6, 30), period_end=date(2012, 6, 30))
    assert ValueAddedReturn.objects.count() == 2


def test_the_database_refuses_a_return_without_reporter(unions):
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueAddedReturn.objects.create(sector=Sector.INDUSTRY, period_start=date(2012, 1, 1),
                                        period_end=date(2012, 6, 30), value_added=Decimal(1))


def test_one_target_per_year(unions):
    make_target(2012)
    assert errors_of(AnnualTarget(year=2012, value_added=Decimal(1)))["year"] == [
        "该年度已有全年任务。"
    ]


def test_a_target_must_be_positive():
    assert errors_of(AnnualTarget(year=2013, value_added=Decimal(0)))["value_added"] == [
        "金额必须大于零。"
    ]


def test_a_grant_must_be_positive(unions):
    grant = SupportGrant(household=make_household(), amount=Decimal(0),
                         granted_on=date(2012, 3, 1), purpose="菌包")
    assert "金额必须大于零。" in errors_of(grant)["amount"]


def test_a_grant_cannot_precede_the_household(unions):
    grant = SupportGrant(household=make_household(started_on=date(2010, 5, 18)),
                         amount=Decimal(100), granted_on=date(2010, 5, 17), purpose="种鹿")
    assert errors_of(grant)["granted_on"] == [
        "扶持资金的发放日期不能早于该户开业日期（2010-05-18）。"
    ]


def test_a_household_cannot_close_before_it_started(unions):
    household = Household(owner="梁海涛", owner_status=Household.OwnerStatus.LAID_OFF,
                          union=unions[0], sector=Sector.AGRICULTURE, business="特色养殖",
                          started_on=date(2009, 6, 1), closed_on=date(2009, 5, 31))
    assert "自营经济户的停业日期不能早于开业日期。" in errors_of(household)["__all__"]


def test_a_union_cannot_have_the_same_household_twice(unions):
    make_household(union=unions[0])
    twin = Household(owner="王春林", owner_status=Household.OwnerStatus.LAID_OFF,
                     union=unions[0], sector=Sector.AGRICULTURE, business="地栽木耳",
                     started_on=date(2009, 1, 1))
    assert "该工会已有此户主经营此项目的自营经济户。" in errors_of(twin)["__all__"]


def test_households_active_on_a_day(unions):
    open_one = make_household(owner="甲", started_on=date(2010, 1, 1))
    make_household(owner="乙", started_on=date(2012, 7, 1))
    make_household(owner="丙", started_on=date(2009, 1, 1), closed_on=date(2011, 10, 31))
    closing = make_household(owner="丁", started_on=date(2009, 1, 1), closed_on=date(2012, 7, 1))
    assert set(Household.objects.active_on(date(2012, 6, 30))) == {open_one, closing}


def test_returns_grants_and_targets_keep_their_history(unions):
    item = make_value_added_return(union=unions[0])
    item.value_added = Decimal(7)
    item.save()
    grant = make_grant()
    target = make_target()
    assert [h.value_added for h in item.history.order_by("history_id")] == [Decimal("100000"),
                                                                           Decimal(7)]
    assert grant.history.count() == 1
    assert target.history.count() == 1
