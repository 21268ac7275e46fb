"""The demo slice: the seed's three activities of the first half of 2012."""

from datetime import date

import pytest

from activities import demo, figures
from activities.models import Activity

pytestmark = pytest.mark.django_db

H1_2012 = (date(2012, 1, 1), date(2012, 6, 30))


@pytest.fixture
def loaded(unions):
    demo.load()
    return figures.for_period(*H1_2012)


def test_three_activities_in_the_first_half_of_2012(loaded):
    assert loaded.count == 3
    assert [a.title for a in loaded.activities] == [
        "嘉荫县第七届“信合杯”乒乓球赛",
        "嘉荫县第三届“邮储银行杯”环城赛",
        "全市职工“十佳歌手”大奖赛",
    ]


def test_the_table_tennis_tournament_is_the_7th_xinhe_cup_during_the_two_festivals(loaded):
    item = loaded.activities[0]
    activity = Activity.objects.get(title=item.title)
    assert (activity.edition, activity.cup, activity.kind, item.level) == (
        7, "信合杯", "sports", "county")
    assert item.co_organisers == "团县委、文体局"
    assert date(2012, 1, 1) <= item.held_on <= date(2012, 1, 23)  # New Year to Spring Festival


def test_the_race_is_the_3rd_postal_bank_cup_before_may_day(loaded):
    item = loaded.activities[1]
    activity = Activity.objects.get(title=item.title)
    assert (activity.edition, activity.cup, item.co_organisers) == (
        3, "邮储银行杯", "团县委、文体局")
    assert "环城赛" in item.title
    assert date(2012, 4, 1) <= item.held_on < date(2012, 5, 1)


def test_the_city_singing_contest_won_two_awards(loaded):
    item = loaded.activities[2]
    assert item.level == "city"
    assert "十佳歌手" in item.title
    assert item.joined  # the city's contest: the county took part
    assert "优秀组织奖" in item.awards
    assert "十佳职工歌手" in item.awards


def test_activities_have_participating_unions_but_no_joint_union(loaded):
    tournament = Activity.objects.get(title="嘉荫县第七届“信合杯”乒乓球赛")
    assert tournament.unions.count() == 4
    assert not tournament.unions.filter(kind="joint").exists()


def test_loading_twice_changes_nothing(loaded):
    before = (Activity.objects.count(), Activity.history.count())
    demo.load()
    assert (Activity.objects.count(), Activity.history.count()) == before
    assert figures.for_period(*H1_2012) == loaded


def test_the_demo_needs_the_unions_demo_first(db):
    with pytest.raises(RuntimeError, match="load the unions demo first"):
        demo.load()
    assert not Activity.objects.exists()
