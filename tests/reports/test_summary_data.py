"""The summary's data computed together (`figures.summary_data`) equal the figures computed one
by one, in a number of queries that does not grow with the records; `/reports/` likewise."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.periods import Period
from reports import figures
from tests.support.factories import make_headcount_return, make_union
from unions.figures import members_on
from unions.models import Union

pytestmark = pytest.mark.django_db

H1_2012 = Period(2012, "h1")


def test_summary_data_equal_the_figures_one_by_one(demo_county):
    now, before, trend = figures.summary_data(H1_2012)
    assert now == figures.for_period(H1_2012)
    assert before == figures.for_period(H1_2012.year_earlier())
    one_by_one = {f"{half.year}{'上' if half.half == 'h1' else '下'}": members_on(half.end)
                  for half in figures.trend_periods(H1_2012)}
    assert trend == [(label, one_by_one[label]) for label, _members in trend]
    assert list(one_by_one)[-len(trend):] == [label for label, _members in trend]
    assert trend
    assert trend[-1][1] == now.unions.members


def test_summary_data_queries_do_not_grow_with_data(demo_county, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as small:
        figures.summary_data(H1_2012)
    for index in range(30):
        union = make_union(f"测试工会{index}", kind=Union.Kind.PRIVATE,
                           established_on=date(2010, 1, 1))
        make_headcount_return(union, date(2011, 6, 30))
        make_headcount_return(union, date(2012, 6, 30))
    with django_assert_max_num_queries(len(small)):
        figures.summary_data(H1_2012)


def test_the_period_list_makes_the_same_few_queries_on_more_data(
        demo_county, client, django_assert_max_num_queries):
    from accounts.models import User

    client.force_login(User.objects.filter(is_superuser=True).first()
                       or User.objects.order_by("pk").first())
    url = reverse("reports:period-list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    union = make_union("加的工会", established_on=date(2005, 1, 1))
    for year in (2006, 2007, 2009):  # more years with data: still the same queries
        make_headcount_return(union, date(year, 6, 30))
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    assert "2009" in response.content.decode()
    assert "2008" not in response.content.decode()
