"""The case list a user lands on (no query string) shows the current half-year, visibly: its
dates are in the filter form, and cleared they list every case (issue 20)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from aid.models import AidCase
from core.periods import Period
from tests.support.factories import make_case, make_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_and_2012(staff):
    today = timezone.localdate()
    return {"now": make_case(entered_by=staff, worker=make_worker(name="今年"), granted_on=today),
            "old": make_case(entered_by=staff, worker=make_worker(name="旧案"),
                             granted_on=date(2012, 3, 1))}


def current() -> Period:
    return Period.containing(timezone.localdate())


def test_the_landing_page_lists_the_current_half_year(client, staff, this_and_2012):
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"))
    assert list(response.context["cases"]) == [this_and_2012["now"]]
    assert response.context["totals"]["count"] == 1
    assert 'data-testid="landing-period"' in response.content.decode()


def test_the_landing_dates_are_in_the_filter_form(client, staff, this_and_2012):
    client.force_login(staff)
    form = client.get(reverse("aid:case-list")).context["filter"].form
    assert form["start"].value() == current().start.isoformat()
    assert form["end"].value() == current().end.isoformat()


def test_cleared_dates_list_every_case(client, staff, this_and_2012):
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"), {"start": "", "end": ""})
    assert set(response.context["cases"]) == set(this_and_2012.values())
    assert response.context["totals"]["count"] == 2
    assert 'data-testid="landing-period"' not in response.content.decode()


def test_the_landing_page_links_to_every_date(client, staff, this_and_2012):
    client.force_login(staff)
    content = client.get(reverse("aid:case-list")).content.decode()
    assert 'href="?start=&amp;end="' in content


def test_sorting_and_export_from_the_landing_page_keep_its_dates(client, staff, this_and_2012):
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"))
    dates = f"start={current().start.isoformat()}&end={current().end.isoformat()}"
    assert response.context["list_query"] == dates
    content = response.content.decode()
    assert f"{reverse('aid:case-export')}?{dates}" in content.replace("&amp;", "&")


def test_a_filter_asked_for_is_not_narrowed_to_the_half_year(client, staff, this_and_2012):
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"), {"status": AidCase.Status.DRAFT})
    assert set(response.context["cases"]) == set(this_and_2012.values())
    response = client.get(reverse("aid:case-list"), {"page": 1})
    assert set(response.context["cases"]) == set(this_and_2012.values())


def test_the_export_without_filters_holds_every_case(client, staff, this_and_2012):
    client.force_login(staff)
    sheet = load_workbook(BytesIO(client.get(reverse("aid:case-export")).content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"今年", "旧案"} <= names


@pytest.mark.parametrize("query", [None, {"start": "", "end": ""}], ids=["landing", "all-dates"])
def test_the_case_list_query_count_is_fixed(client, staff, this_and_2012, query,
                                            django_assert_max_num_queries):
    for day in (timezone.localdate(), date(2012, 4, 1)):
        for _ in range(30):
            make_case(entered_by=staff, granted_on=day)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("aid:case-list"), query)
    assert len(response.context["cases"]) == (31 if query is None else 50)
