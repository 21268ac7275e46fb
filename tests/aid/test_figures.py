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
    assert result == figures.AidFigures(
        visited_workers=0, visit_money=Decimal(0), relief_workers=0, relief_money=Decimal(0),
        living_workers=0, living_money=Decimal(0), medical_workers=0, medical_money=Decimal(0),
        education_workers=0, education_money=Decimal(0), pending_cases=0,
        pending_money=Decimal(0))


def test_figures_take_one_query_whatever_the_number_of_cases(staff, leader,
                                                             django_assert_max_num_queries):
    union = make_union()
    kinds = list(AidCase.Kind)
    workers = [make_worker(union=union) for _ in range(60)]
    AidCase.objects.bulk_create(
        AidCase(worker=workers[n % 60], kind=kinds[n % 4], amount=Decimal(100 + n),
                granted_on=date(2012, 1 + n % 6, 1 + n % 28), entered_by=staff,
                status=AidCase.Status.PAID, approved_by=leader, paid_by=leader)
        for n in range(400))
    with django_assert_max_num_queries(1):
        result = figures.for_period(*H1)
    assert result.visit_money + result.relief_money == sum(Decimal(100 + n) for n in range(400))
