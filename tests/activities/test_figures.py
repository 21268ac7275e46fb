"""activities.figures.for_period: the activities of the period, in date order."""

from datetime import date

import pytest
from django.urls import reverse

from activities import figures
from activities.models import Activity
from tests.support.factories import make_activity

pytestmark = pytest.mark.django_db


def test_activities_in_the_period_in_date_order_with_their_details():
    race = make_activity(title="嘉荫县第三届“邮储银行杯”环城赛", edition=3, cup="邮储银行杯",
                         held_on=date(2012, 4, 28), co_organisers="团县委、文体局")
    make_activity(held_on=date(2012, 1, 14), edition=7, cup="信合杯")
    make_activity(title="第二届环城赛", held_on=date(2011, 4, 29))
    make_activity(title="下半年的比赛", held_on=date(2012, 7, 1))
    result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.count == 2
    assert [a.held_on for a in result.activities] == [date(2012, 1, 14), date(2012, 4, 28)]
    item = result.activities[1]
    assert (item.title, item.co_organisers, item.level) == (
        "嘉荫县第三届“邮储银行杯”环城赛", "团县委、文体局", "county")
    assert not item.joined  # a county activity: the federation held it
    assert item.url == reverse("activities:activity-detail", args=[race.pk])


def test_no_activities_give_an_empty_tuple():
    assert figures.for_period(date(2012, 1, 1), date(2012, 6, 30)) == figures.ActivityFigures(
        activities=(), count=0)


def test_one_query_for_hundreds_of_activities(django_assert_max_num_queries):
    Activity.objects.bulk_create(
        Activity(title=f"活动{i}", kind=Activity.Kind.ARTS, held_on=date(2012, 1 + i % 6, 1))
        for i in range(300)
    )
    with django_assert_max_num_queries(1):
        result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.count == 300
