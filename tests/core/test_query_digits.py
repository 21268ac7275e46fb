"""Numbers and dates in query strings, typed in any script or out of range, are read or ignored,
never a 500 (issue 14, items 1 and 2; core.text.ascii_int, core.dates)."""

import pytest
from django.urls import reverse

from tests.support.factories import make_campaign, make_household, make_worker
from tests.support.scripts import ARABIC_INDIC, full_width, in_script

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/economy/returns/new/?household=²", "/economy/grants/new/?household=²",
    "/aid/cases/new/?worker=²", "/aid/cases/new/?campaign=²",
    "/aid/cases/new/?worker=99999999999999999999999999999",
    "/pairings/pairs/?round=²", "/pairings/pairs/new/?round=²", "/pairings/funds/?round=²",
    "/pairings/student-aid/?year=0", "/pairings/student-aid/?year=99999",
    "/pairings/student-aid/?year=²", "/pairings/student-aid/?year=-5",
    "/unions/?on=0001-01-01", "/unions/?on=9999-12-31",
    "/aid/cases/?start=0001-01-01&end=9999-12-31", "/economy/returns/?start=0001-01-01",
    "/economy/grants/?end=9999-12-31", "/activities/?start=0001-01-01",
    "/economy/?start=0001-01-01&end=9999-12-31", "/economy/sectors.xlsx?start=0001-01-01",
])
def test_a_typed_number_or_date_never_gives_a_500(client, staff, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_an_id_in_arabic_indic_digits_is_read(client, staff):
    household = make_household()
    client.force_login(staff)
    form = client.get(reverse("economy:return-create"), {
        "household": in_script(str(household.pk), ARABIC_INDIC)}).context["form"]
    assert form.initial["household"] == household


def test_the_case_form_reads_worker_and_campaign_ids_in_full_width_digits(client, staff):
    worker, campaign = make_worker(), make_campaign()
    client.force_login(staff)
    form = client.get(reverse("aid:case-create"), {
        "worker": full_width(str(worker.pk)),
        "campaign": full_width(str(campaign.pk))}).context["form"]
    assert (form.initial["worker"], form.initial["campaign"]) == (worker, campaign)


@pytest.mark.parametrize("url", ["/aid/cases/?start=0001-01-01", "/activities/?end=9999-12-31"])
def test_a_list_filtered_by_an_impossible_date_says_so(client, staff, url):
    client.force_login(staff)
    response = client.get(url)
    assert response.context["filter"].errors
    assert "1949-10-01" in response.content.decode()
