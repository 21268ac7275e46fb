"""The period figures bound the cases by date to read an index (aid.figures.reported_from/to):
the bound is looked up, not assumed, so a visit dated outside its campaign (the campaign's dates
edited after the visit) is still reported, and listed, in the period its campaign ends."""

from datetime import date
from decimal import Decimal

import pytest

from aid import figures
from aid.models import AidCase
from tests.support.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db

H1 = (date(2012, 1, 1), date(2012, 6, 30))
H2 = (date(2012, 7, 1), date(2012, 12, 31))


def visit(staff, leader, campaign, day: date, amount: int) -> AidCase:
    return make_case(entered_by=staff, status=AidCase.Status.PAID, approved_by=leader,
                     paid_by=leader, kind=AidCase.Kind.VISIT, campaign=campaign,
                     amount=Decimal(amount), granted_on=day)


@pytest.fixture
def edited_campaign(staff, leader):
    """A campaign of the first half whose visits were dated long before and after it."""
    campaign = make_campaign(starts_on=date(2012, 3, 1), ends_on=date(2012, 3, 31))
    visit(staff, leader, campaign, date(2011, 10, 5), 100)
    visit(staff, leader, campaign, date(2012, 3, 10), 200)
    visit(staff, leader, campaign, date(2012, 9, 20), 400)
    return campaign


def test_visits_outside_their_campaign_count_where_it_ends(staff, leader, edited_campaign):
    first, second = figures.for_period(*H1), figures.for_period(*H2)
    assert (first.visited_workers, first.visit_money) == (3, Decimal(700))
    assert (second.visited_workers, second.visit_money) == (0, Decimal(0))
    assert first.money_by_source == (("", Decimal(700)),)


def test_their_link_lists_them_all(client, staff, leader, edited_campaign):
    client.force_login(staff)
    totals = client.get(figures.links(*H1).visits).context["totals"]
    assert (totals["count"], totals["money"]) == (3, Decimal(700))
    assert client.get(figures.links(*H2).visits).context["totals"]["count"] == 0


def test_a_period_without_campaigns_is_bounded_by_its_own_dates(staff, leader):
    make_case(entered_by=staff, status=AidCase.Status.PAID, approved_by=leader, paid_by=leader,
              kind=AidCase.Kind.LIVING, amount=Decimal(300), granted_on=date(2012, 6, 30))
    make_case(entered_by=staff, status=AidCase.Status.PAID, approved_by=leader, paid_by=leader,
              kind=AidCase.Kind.LIVING, amount=Decimal(500), granted_on=date(2012, 7, 1))
    assert figures.for_period(*H1).living_money == Decimal(300)
    assert figures.for_period(*H2).living_money == Decimal(500)
