"""The sector table and its export survive any stored or typed date (issue 14, item 2).

Returns are written with `QuerySet.update()`, around every check, as legacy or restored data
would be.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.periods import half_year_of
from economy.models import ValueAddedReturn
from tests.support.factories import make_value_added_return

pytestmark = pytest.mark.django_db

EXTREMES = [(date(9999, 7, 1), date(9999, 12, 31)), (date.min, date.min),
            (date(1899, 12, 31), date(1899, 12, 31)), (date.max, date.max)]
ROLES = ["staff", "leader", "admin_user"]


def stored_return(start: date, end: date) -> ValueAddedReturn:
    made = make_value_added_return(value_added=Decimal(777), period_start=date(2011, 1, 1),
                                   period_end=date(2011, 6, 30))
    ValueAddedReturn.objects.filter(pk=made.pk).update(period_start=start, period_end=end)
    return made


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("start", "end"), EXTREMES, ids=["9999-h2", "date.min", "1899-12-31",
                                                          "date.max"])
def test_a_return_with_an_impossible_period_takes_no_page_down(client, request, role, start,
                                                               end):
    stored_return(start, end)
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("economy:sector-table"))
    assert page.status_code == 200
    assert (page.context["table"].start, page.context["table"].end) == half_year_of(
        timezone.localdate())  # the stored period is passed over: today's half-year
    export = client.get(reverse("economy:sector-export"))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_default_is_the_latest_return_anyone_could_type(client, staff):
    make_value_added_return()  # 2012 H1
    stored_return(date(9999, 7, 1), date(9999, 12, 31))
    client.force_login(staff)
    table = client.get(reverse("economy:sector-table")).context["table"]
    assert (table.start, table.end) == (date(2012, 1, 1), date(2012, 6, 30))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query", [
    {"start": "0001-01-01", "end": "2012-06-30"},
    {"start": "2012-01-01", "end": "9999-12-31"},
    {"start": "1899-12-31", "end": "1900-06-30"},
    {"start": "0001-01-01", "end": "0001-12-31"},
], ids=["start-date.min", "end-date.max", "1899", "year-1"])
def test_a_typed_period_out_of_range_is_refused_with_a_message(client, request, role, query):
    make_value_added_return()
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("economy:sector-table"), query)
    assert page.status_code == 200
    assert page.context["form"].errors
    assert "1949-10-01" in page.content.decode()
    table = page.context["table"]
    assert (table.start, table.end) == (date(2012, 1, 1), date(2012, 6, 30))
    assert client.get(reverse("economy:sector-export"), query).status_code == 200


def test_the_first_typed_day_still_has_a_year_earlier(client, staff):
    client.force_login(staff)
    page = client.get(reverse("economy:sector-table"),
                      {"start": "1949-10-01", "end": "1949-12-31"})
    assert page.status_code == 200
    assert page.context["table"].earlier_start == date(1948, 10, 1)


@pytest.mark.parametrize("year", [0, 1, 9999, 32767])
def test_a_legacy_target_of_an_impossible_year_still_has_a_page(client, staff, year):
    from economy.models import AnnualTarget

    target = AnnualTarget.objects.create(year=2012, value_added=Decimal(100))
    AnnualTarget.objects.filter(pk=target.pk).update(year=year)
    client.force_login(staff)
    assert client.get(reverse("economy:target-detail", args=[target.pk])).status_code == 200
    assert client.get(reverse("economy:target-list")).status_code == 200


def test_a_return_form_refuses_a_period_out_of_range(client, staff, unions):
    client.force_login(staff)
    response = client.post(reverse("economy:return-create"), {
        "union": unions[0].pk, "household": "", "sector": "industry",
        "period_start": "1899-01-01", "period_end": "1899-06-30", "value_added": "100",
        "note": "", "submission_token": "6d3c8f7e-0d7c-4f55-8b0c-3a7a4f2a9b11"})
    assert response.status_code == 200
    assert "1949-10-01" in " ".join(response.context["form"].errors["period_start"])
    assert not ValueAddedReturn.objects.exists()
