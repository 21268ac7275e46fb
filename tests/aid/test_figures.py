from datetime import date
from decimal import Decimal

import pytest

from aid import figures
from aid.models import AidCase
from tests.support.factories import make_campaign, make_case, make_union, make_worker

pytestmark = pytest.mark.django_db

H1 = (date(2012, 1, 1), date(2012, 6, 30))


def counted(staff, leader, **fields) -> AidCase:
    return make_case(entered_by=staff, status=AidCase.Status.PAID, approved_by=leader,
                     paid_by=leader, **fields)


def test_only_approved_and_paid_cases_count(staff, leader):
    worker = make_worker()
    counted(staff, leader, worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(1000))
    make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(700),
              status=AidCase.Status.APPROVED, approved_by=leader)
    make_case(entered_by=staff, kind=AidCase.Kind.LIVING, amount=Decimal(300))
    make_case(entered_by=staff, kind=AidCase.Kind.LIVING, amount=Decimal(400),
              status=AidCase.Status.SUBMITTED, submitted_by=staff)
    make_case(entered_by=staff, kind=AidCase.Kind.LIVING, amount=Decimal(9000),
              status=AidCase.Status.REJECTED, rejected_by=leader, rejection_reason="不符合")
    result = figures.for_period(*H1)
    assert result.living_workers == 1
    assert result.living_money == Decimal(1700)
    assert result.relief_workers == 1
    assert result.relief_money == Decimal(1700)
    assert result.pending_cases == 2
    assert result.pending_money == Decimal(700)


def test_people_are_counted_once_across_relief_kinds(staff, leader):
    worker = make_worker()
    counted(staff, leader, worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(1000))
    counted(staff, leader, worker=worker, kind=AidCase.Kind.MEDICAL, amount=Decimal(3000))
    counted(staff, leader, kind=AidCase.Kind.EDUCATION, amount=Decimal(2000))
    result = figures.for_period(*H1)
    assert (result.living_workers, result.medical_workers, result.education_workers) == (1, 1, 1)
    assert result.relief_workers == 2
    assert result.relief_money == Decimal(6000)
    assert result.visited_workers == 0
    assert result.visit_money == Decimal(0)


def test_visits_are_separate_from_relief(staff, leader):
    campaign = make_campaign()
    worker = make_worker()
    counted(staff, leader, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
            campaign=campaign, granted_on=date(2012, 1, 10))
    counted(staff, leader, worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(1000))
    result = figures.for_period(*H1)
    assert result.visited_workers == 1
    assert result.visit_money == Decimal(500)
    assert result.relief_workers == 1
    assert result.relief_money == Decimal(1000)


def test_the_period_bounds_are_inclusive(staff, leader):
    counted(staff, leader, granted_on=date(2011, 12, 31), amount=Decimal(1))
    counted(staff, leader, granted_on=date(2012, 1, 1), amount=Decimal(10))
    counted(staff, leader, granted_on=date(2012, 6, 30), amount=Decimal(100))
    counted(staff, leader, granted_on=date(2012, 7, 1), amount=Decimal(1000))
    assert figures.for_period(*H1).living_money == Decimal(110)


def test_an_empty_period_gives_zeros():
    result = figures.for_period(*H1)
    zero = Decimal(0)
    assert result == figures.AidFigures(
        visited_workers=0, visit_money=zero, visit_paid_money=zero, relief_workers=0,
        relief_money=zero, relief_paid_money=zero, living_workers=0, living_money=zero,
        medical_workers=0, medical_money=zero, education_workers=0, education_money=zero,
        pending_cases=0, pending_money=zero, unpaid_cases=0, unpaid_money=zero, campaigns=(),
        archive=figures.ArchiveFigures(open_before=0, new=0, relapsed=0, exited=0, open=0,
                                       open_extreme=0, open_relative=0, open_accident=0,
                                       reviews_overdue=0))


def test_visits_are_reported_in_the_period_their_campaign_ends(staff, leader):
    festivals = make_campaign(name="2012年两节送温暖", starts_on=date(2011, 12, 20),
                              ends_on=date(2012, 1, 31))
    early = counted(staff, leader, kind=AidCase.Kind.VISIT, campaign=festivals,
                    amount=Decimal(500), granted_on=date(2011, 12, 28))
    counted(staff, leader, kind=AidCase.Kind.VISIT, campaign=festivals, amount=Decimal(500),
            granted_on=date(2012, 1, 10))
    counted(staff, leader, kind=AidCase.Kind.VISIT, amount=Decimal(300),  # no campaign: by date
            granted_on=date(2012, 2, 1))
    result = figures.for_period(*H1)
    assert result.visited_workers == 3
    assert result.visit_money == Decimal(1300)
    assert result.campaigns == ("2012年两节送温暖",)
    late_2011 = figures.for_period(date(2011, 7, 1), date(2011, 12, 31))
    assert late_2011.visited_workers == 0
    assert early.granted_on.year == 2011


def test_approved_money_is_counted_and_the_paid_part_given(staff, leader):
    counted(staff, leader, kind=AidCase.Kind.LIVING, amount=Decimal(1000))
    make_case(entered_by=staff, kind=AidCase.Kind.MEDICAL, amount=Decimal(700),
              status=AidCase.Status.APPROVED, approved_by=leader)
    result = figures.for_period(*H1)
    assert (result.relief_money, result.relief_paid_money) == (Decimal(1700), Decimal(1000))
    assert (result.unpaid_cases, result.unpaid_money) == (1, Decimal(700))


def test_the_case_list_link_lists_exactly_the_cases_of_the_figures(client, staff, leader):
    festivals = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    counted(staff, leader, kind=AidCase.Kind.VISIT, campaign=festivals, amount=Decimal(500),
            granted_on=date(2011, 12, 28))
    counted(staff, leader, kind=AidCase.Kind.LIVING, amount=Decimal(900),
            granted_on=date(2011, 12, 29))  # relief goes by date: 2011
    counted(staff, leader, kind=AidCase.Kind.LIVING, amount=Decimal(800))
    result, to = figures.for_period(*H1), figures.links(*H1)
    client.force_login(staff)
    visits = client.get(to.visits).context["totals"]
    relief = client.get(to.relief).context["totals"]
    assert (visits["workers"], visits["money"]) == (result.visited_workers, result.visit_money)
    assert (relief["workers"], relief["money"]) == (1, Decimal(800))


def test_figures_take_three_queries_whatever_the_number_of_cases(staff, leader,
                                                               django_assert_max_num_queries):
    union = make_union()
    kinds = list(AidCase.Kind)
    workers = [make_worker(union=union) for _ in range(60)]
    AidCase.objects.bulk_create(
        AidCase(worker=workers[n % 60], kind=kinds[n % 4], amount=Decimal(100 + n),
                granted_on=date(2012, 1 + n % 6, 1 + n % 28), entered_by=staff,
                status=AidCase.Status.PAID, approved_by=leader, paid_by=leader)
        for n in range(400))
    with django_assert_max_num_queries(4):  # cases, campaigns, archives, money by source
        result = figures.for_period(*H1)
    assert result.visit_money + result.relief_money == sum(Decimal(100 + n) for n in range(400))
