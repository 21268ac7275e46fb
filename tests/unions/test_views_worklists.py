"""The organisation work lists on the union pages: elections overdue, collective contracts and
wage agreements expiring within 90 days (the union list's filters, through core.lists)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.support.factories import make_union
from unions.figures import for_period, links
from unions.models import Union

pytestmark = pytest.mark.django_db
URL = reverse("unions:union-list")
ON = "2012-06-30"


@pytest.fixture
def reader(client, staff):
    client.force_login(staff)
    return client


def names(response) -> list[str]:
    return [u.name for u in response.context["unions"]]


@pytest.fixture
def registry():
    return {
        "overdue": make_union("林业局工会", committee_elected_on=date(2007, 5, 8),
                              committee_term_years=5),                     # due 2012-05-08
        "long_overdue": make_union("供销社工会", committee_elected_on=date(2008, 3, 2),
                                   committee_term_years=3),                # due 2011-03-02
        "due_today": make_union("财政局工会", committee_elected_on=date(2007, 6, 30),
                                committee_term_years=5),                   # due 2012-06-30
        "unknown": make_union("网吧工会"),
        "gone": make_union("砖厂工会", committee_elected_on=date(2005, 1, 1),
                           committee_term_years=3, dissolved_on=date(2011, 10, 31)),
        "expiring": make_union("木业公司工会", kind=Union.Kind.PRIVATE,
                               contract_signed_on=date(2009, 9, 28),
                               contract_expires_on=date(2012, 9, 27),      # 89 days on
                               wage_agreement_signed_on=date(2011, 7, 1),
                               wage_agreement_expires_on=date(2012, 6, 30)),  # its last day
        "day_90": make_union("米业公司工会", kind=Union.Kind.PRIVATE,
                             contract_signed_on=date(2009, 9, 29),
                             contract_expires_on=date(2012, 9, 28)),       # 90 days on
        "day_91": make_union("建筑公司工会", kind=Union.Kind.PRIVATE,
                             contract_signed_on=date(2009, 9, 30),
                             contract_expires_on=date(2012, 9, 29),        # 91 days on
                             wage_agreement_signed_on=date(2012, 3, 1),
                             wage_agreement_expires_on=date(2013, 2, 28)),
        "expired": make_union("汽车运输公司工会", kind=Union.Kind.COLLECTIVE,
                              contract_signed_on=date(2009, 1, 1),
                              contract_expires_on=date(2012, 6, 29)),
    }


def test_elections_overdue_lists_the_active_unions_whose_term_ran_out(reader, registry):
    response = reader.get(URL, {"election": "overdue", "on": ON, "sort": "election_due"})
    assert names(response) == ["供销社工会", "林业局工会"]
    html = response.content.decode()
    assert "下届换届日期" in html  # the due date is a column of this list
    assert "2011-03-02" in html


def test_unions_without_a_recorded_term_have_their_own_list(reader, registry):
    assert set(names(reader.get(URL, {"election": "unknown", "on": ON}))) == {
        "建筑公司工会", "木业公司工会", "汽车运输公司工会", "米业公司工会", "网吧工会"}


def test_contracts_expiring_within_90_days(reader, registry):
    response = reader.get(URL, {"contract": "expiring", "on": ON, "sort": "contract_expires"})
    assert names(response) == ["木业公司工会", "米业公司工会"]
    assert "集体合同到期" in response.content.decode()


def test_wage_agreements_expiring_within_90_days_include_their_last_day(reader, registry):
    assert names(reader.get(URL, {"wage": "expiring", "on": ON})) == ["木业公司工会"]


def test_agreements_in_force_and_none_in_force(reader, registry):
    assert set(names(reader.get(URL, {"contract": "in_force", "on": ON}))) == {
        "建筑公司工会", "木业公司工会", "米业公司工会"}
    assert "汽车运输公司工会" in names(reader.get(URL, {"contract": "none", "on": ON}))
    assert "木业公司工会" not in names(reader.get(URL, {"contract": "none", "on": ON}))


def test_the_worklists_link_the_lists_with_their_counts(reader, registry):
    response = reader.get(URL, {"on": ON})
    worklists = {w.key: w for w in response.context["worklists"]}
    assert (worklists["elections"].count, worklists["contracts"].count,
            worklists["wages"].count) == (2, 2, 1)
    for worklist in worklists.values():
        listed = reader.get(worklist.url)
        assert listed.context["totals"]["unions"] == worklist.count
    html = response.content.decode()
    assert "换届逾期" in html
    assert "90天内到期的集体合同" in html


def test_the_figures_links_list_exactly_the_counted_unions(reader, registry):
    start, end = date(2012, 1, 1), date(2012, 6, 30)
    figures, to = for_period(start, end), links(start, end)
    for link, count in ((to.elections_overdue, figures.elections_overdue),
                        (to.unions_with_contract, figures.unions_with_contract),
                        (to.unions_with_wage_negotiation, figures.unions_with_wage_negotiation)):
        assert reader.get(link).context["totals"]["unions"] == count
    assert (figures.elections_overdue, figures.unions_with_contract,
            figures.unions_with_wage_negotiation) == (2, 3, 2)


def test_a_bad_filter_value_is_ignored(reader, registry):
    response = reader.get(URL, {"election": "soon", "contract": "x", "on": ON})
    assert response.status_code == 200
    assert len(names(response)) == 8  # every active union


def test_the_lists_take_a_fixed_number_of_queries(reader, registry,
                                                  django_assert_max_num_queries):
    reader.get(URL)  # warm the session and user caches
    with django_assert_max_num_queries(7) as few:
        reader.get(URL, {"contract": "expiring", "on": ON})
    for i in range(40):
        make_union(f"工会{i:02d}", contract_signed_on=date(2010, 1, 1),
                   contract_expires_on=date(2012, 8, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = reader.get(URL, {"contract": "expiring", "on": ON})
    assert response.context["totals"]["unions"] == 42
