from datetime import date

import pytest
from django.utils import translation

from core.periods import Period


def test_halves_and_year_have_their_date_ranges():
    assert (Period(2012, "h1").start, Period(2012, "h1").end) == (date(2012, 1, 1),
                                                                   date(2012, 6, 30))
    assert (Period(2012, "h2").start, Period(2012, "h2").end) == (date(2012, 7, 1),
                                                                   date(2012, 12, 31))
    assert (Period(2012, "year").start, Period(2012, "year").end) == (date(2012, 1, 1),
                                                                       date(2012, 12, 31))


def test_the_same_period_a_year_earlier():
    assert Period(2012, "h1").year_earlier() == Period(2011, "h1")


def test_containing_picks_the_half_year():
    assert Period.containing(date(2012, 6, 30)) == Period(2012, "h1")
    assert Period.containing(date(2012, 7, 1)) == Period(2012, "h2")


def test_labels_are_chinese():
    with translation.override("zh-hans"):
        assert Period(2012, "h1").label == "2012年上半年"
        assert Period(2012, "h2").label == "2012年下半年"
        assert Period(2012, "year").label == "2012年"
        assert Period(2012, "h1").next_label == "下半年"


def test_an_unknown_half_is_refused():
    with pytest.raises(ValueError, match="unknown half"):
        Period(2012, "h3")
