"""The summary pages survive any stored or typed date (issue 14, item 2).

Records are dated with `QuerySet.update()`, around every check, as legacy or restored data would
be. Periods are the years a date can be typed in (core.dates.sane_years(): 1949 to next year);
others answer 404.
"""

from datetime import date

import pytest
from django.utils import timezone

from activities.models import Activity
from aid.models import AidCase
from economy.models import ValueAddedReturn
from pairings.models import FundEntry
from tests.support.factories import (
    make_activity,
    make_case,
    make_headcount_return,
    make_poverty_round,
    make_union,
    make_value_added_return,
    raise_funds,
)
from unions.models import HeadcountReturn

pytestmark = pytest.mark.django_db

EXTREMES = [date.min, date(1899, 12, 31), date(1900, 1, 1), date.max]
EXTREME_IDS = ["date.min", "1899-12-31", "1900-01-01", "date.max"]


def listed_years(page) -> set[int]:
    return {row.period.year for row in page.context["periods"]}


def test_a_draft_case_dated_1899_takes_no_summary_page_down(client, staff):
    make_case(entered_by=staff)  # 2012-03-01
    case = make_case(entered_by=staff)
    AidCase.objects.filter(pk=case.pk).update(granted_on=date(1899, 12, 31))
    client.force_login(staff)
    listing = client.get("/reports/")
    assert listing.status_code == 200
    assert listed_years(listing) == {2012}
    assert client.get("/reports/1900/h1/").status_code == 404
    assert client.get("/reports/2012/h1/").status_code == 200


@pytest.mark.parametrize("day", EXTREMES, ids=EXTREME_IDS)
def test_records_of_every_app_at_the_extremes_take_no_summary_page_down(client, leader, day):
    union = make_union()
    HeadcountReturn.objects.filter(pk=make_headcount_return(union).pk).update(as_of=day)
    AidCase.objects.filter(pk=make_case(entered_by=leader).pk).update(granted_on=day)
    ValueAddedReturn.objects.filter(pk=make_value_added_return(union=union).pk).update(
        period_start=day, period_end=day)
    Activity.objects.filter(pk=make_activity().pk).update(held_on=day)
    entry = raise_funds(make_poverty_round(starts_on=date(2011, 1, 1)), 1000, date(2011, 3, 1))
    FundEntry.objects.filter(pk=entry.pk).update(entered_on=day)
    client.force_login(leader)
    listing = client.get("/reports/")
    assert listing.status_code == 200
    assert listed_years(listing) <= set(range(1949, timezone.localdate().year + 2))
    for url in ("/reports/2012/h1/", "/reports/2012/h1/docx", "/reports/2012/h1/xlsx",
                "/reports/1949/year/", f"/reports/{timezone.localdate().year + 1}/h2/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", [
    "/reports/1/h1/", "/reports/1899/h2/", "/reports/1900/h1/", "/reports/1948/year/",
    "/reports/9999/year/", "/reports/99999/h1/", "/reports/1900/h1/docx",
    "/reports/9999/h2/xlsx", "/reports/1900/h1/edit/", "/reports/1900/h1/v1/",
])
def test_a_period_no_date_can_be_typed_in_is_not_found(client, leader, url):
    client.force_login(leader)
    assert client.get(url).status_code == 404


def test_a_period_no_date_can_be_typed_in_cannot_be_published(client, leader):
    client.force_login(leader)
    assert client.post("/reports/1900/h1/publish/").status_code == 404
    assert client.post(f"/reports/{timezone.localdate().year + 2}/h1/publish/").status_code == 404


def test_the_first_and_last_years_have_their_pages(client, staff):
    client.force_login(staff)
    next_year = timezone.localdate().year + 1
    for url in ("/reports/1949/h1/", "/reports/1949/year/", f"/reports/{next_year}/year/",
                f"/reports/{next_year}/h2/docx"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/reports/{next_year + 1}/h1/").status_code == 404
