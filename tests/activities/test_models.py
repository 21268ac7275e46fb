"""The activity's rules, with the messages users see."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from activities.models import Activity
from tests.support.factories import make_activity

pytestmark = pytest.mark.django_db


def test_the_edition_starts_at_one():
    activity = Activity(title="乒乓球赛", kind=Activity.Kind.SPORTS, held_on=date(2012, 1, 14),
                        edition=0)
    with pytest.raises(ValidationError) as caught:
        activity.full_clean()
    assert caught.value.message_dict["edition"] == ["届次从 1 开始。"]


def test_the_same_title_on_the_same_day_is_refused():
    make_activity()
    twin = Activity(title="嘉荫县第七届“信合杯”乒乓球赛", kind=Activity.Kind.SPORTS,
                    held_on=date(2012, 1, 14))
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert caught.value.message_dict["__all__"] == ["同一天已有同名的文体活动。"]


def test_kinds_and_levels_read_in_chinese():
    activity = make_activity(kind=Activity.Kind.CONTEST, level=Activity.Level.CITY)
    assert (activity.get_kind_display(), activity.get_level_display()) == ("竞赛", "市级")
