"""figures.for_period: what each number counts, and a query count that does not grow."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pairings import figures, services
from pairings.models import Beneficiary, FundEntry, Helper, Pairing, PairingHelper, Project
from tests.support.factories import (
    inject,
    make_pairing,
    make_poverty_round,
    make_project,
    make_student_round,
    make_worker,
    raise_funds,
)

pytestmark = pytest.mark.django_db
H1 = (date(2012, 1, 1), date(2012, 6, 30))


def test_no_round_gives_empty_figures(db):
    result = figures.for_period(*H1)
    assert result.round_name == ""
    assert result.pairs == 0
    assert result.projects == 0
    assert result.projects_by_sector == dict.fromkeys(Project.Sector.values, 0)
    assert result.funds_raised == Decimal(0)
    assert result.exit_rate is None
    assert result.exit_target is None
    assert result.students == 0


def test_the_round_running_at_the_period_end_is_counted(unions):
    make_poverty_round(name="第四轮", starts_on=date(2009, 1, 1), ends_on=date(2010, 12, 31))
    make_poverty_round()
    assert figures.for_period(*H1).round_name == "第五轮"
    assert figures.for_period(date(2010, 1, 1), date(2010, 6, 30)).round_name == "第四轮"
    assert figures.for_period(date(2013, 1, 1), date(2013, 6, 30)).round_name == ""


def test_pairs_count_officials_units_and_beneficiary_kinds(unions):
    fifth = make_poverty_round()
    official = services.helper_for(kind=Helper.Kind.OFFICIAL, name="王建国")
    unit = services.helper_for(kind=Helper.Kind.UNIT, name="县财政局")
    make_pairing(fifth, number=1)
    make_pairing(fifth, number=2, helpers=[official, unit])
    make_pairing(fifth, number=3, kind=Beneficiary.Kind.BASE, helpers=[official, unit])
    make_pairing(fifth, number=4, paired_on=date(2012, 7, 2))  # after the period
    result = figures.for_period(*H1)
    assert (result.pairs, result.worker_pairs, result.base_pairs) == (3, 2, 1)
    assert (result.officials, result.units) == (2, 2)  # distinct people, not rows


def test_ended_pairs_drop_out_and_exited_pairs_count_towards_the_rate(unions):
    fifth = make_poverty_round()
    pairings = [make_pairing(fifth, number=n) for n in range(1, 6)]
    services.pairing_close(pairing_id=pairings[0].pk, status=Pairing.Status.EXITED,
                           closed_on=date(2012, 3, 1))
    services.pairing_close(pairing_id=pairings[1].pk, status=Pairing.Status.ENDED,
                           closed_on=date(2012, 3, 1))
    result = figures.for_period(*H1)
    assert result.pairs == 4
    assert result.exited_pairs == 1
    assert result.exit_rate == Decimal("25.0")
    assert result.exit_target == Decimal("100.0")
    assert figures.for_period(date(2011, 7, 1), date(2011, 12, 31)).exited_pairs == 0


def test_projects_by_sector_keep_the_sector_order(unions):
    fifth = make_poverty_round()
    pairing = make_pairing(fifth)
    make_project(pairing, name="出租车客运", sector=Project.Sector.TRANSPORT)
    make_project(pairing, name="生猪养殖", sector=Project.Sector.BREEDING)
    make_project(pairing, name="便民超市", sector=Project.Sector.COMMERCE,
                 started_on=date(2012, 7, 1))
    result = figures.for_period(*H1)
    assert result.projects == 2
    assert list(result.projects_by_sector) == Project.Sector.values
    assert result.projects_by_sector["transport"] == 1
    assert result.projects_by_sector["commerce"] == 0


def test_money_and_funded_workers(unions):
    fifth = make_poverty_round()
    worker_pair = make_pairing(fifth, number=1)
    base_pair = make_pairing(fifth, number=2, kind=Beneficiary.Kind.BASE)
    pig = make_project(worker_pair, name="生猪养殖")
    cow = make_project(worker_pair, name="肉牛养殖", sector=Project.Sector.BREEDING)
    fungus = make_project(base_pair, name="黑木耳", sector=Project.Sector.PLANTING)
    raise_funds(fifth, 50000, date(2011, 3, 10))
    inject(pig, 8000, date(2011, 4, 1))
    inject(pig, 2000, date(2011, 5, 1))
    inject(cow, 5000, date(2011, 5, 1))
    inject(fungus, 9000, date(2011, 5, 1))
    services.fund_entry_create(round_id=fifth.pk, kind=FundEntry.Kind.DISBURSED,
                               amount=Decimal(1000), entered_on=date(2011, 6, 1),
                               pairing=worker_pair)
    raise_funds(fifth, 7000, date(2012, 7, 1))  # after the period
    result = figures.for_period(*H1)
    assert result.funds_raised == Decimal(50000)
    assert result.funds_injected == Decimal(24000)
    assert figures.round_figures(fifth, H1[1]).available == Decimal(25000)  # the round page's
    assert result.funded_workers == 1  # the base's project is not a worker's
    assert result.funded_projects == 2


def test_funded_workers_are_those_of_the_funded_projects_and_their_link_lists_them(
        unions, client, staff):
    fifth = make_poverty_round()
    funded = make_project(make_pairing(fifth, number=1), name="生猪养殖")
    make_project(make_pairing(fifth, number=2), name="肉牛养殖")  # no capital: not funded
    base = make_project(make_pairing(fifth, number=3, kind=Beneficiary.Kind.BASE), name="基地")
    raise_funds(fifth, 10000, date(2011, 3, 10))
    inject(funded, 8000, date(2011, 4, 1))
    inject(base, 1000, date(2011, 4, 1))  # a base's project: not a worker's
    inject(make_project(make_pairing(fifth, number=4), name="晚"), 500,
           date(2012, 7, 2))  # after the period
    result = figures.for_period(*H1)
    assert (result.funded_workers, result.funded_projects) == (1, 1)
    client.force_login(staff)
    listed = client.get(figures.links(*H1, fifth.name).funded_projects).context
    assert listed["paginator"].count == 1
    assert listed["totals"]["beneficiaries"] == 1


def test_pair_links_count_the_round_at_the_end_only(unions, client, staff):
    fifth = make_poverty_round(ends_on=date(2012, 12, 31))
    students = make_student_round()
    make_pairing(fifth, number=1)
    make_pairing(fifth, number=2, paired_on=date(2012, 8, 1))  # after the period
    make_pairing(students, number=3)
    result, to = figures.for_period(*H1), figures.links(*H1, fifth.name)
    client.force_login(staff)
    pairs = client.get(to.pairs).context
    assert pairs["paginator"].count == result.pairs == 1
    assert (pairs["totals"]["officials"], pairs["totals"]["units"]) == (1, 1)
    assert pairs["totals"]["branches"] == 0
    students_listed = client.get(to.students).context["totals"]
    assert (students_listed["branches"], students_listed["beneficiaries"]) == (1, 1)


def test_without_a_running_round_the_last_one_is_named(unions):
    make_poverty_round(starts_on=date(2011, 3, 1), ends_on=date(2012, 12, 31))
    result = figures.for_period(date(2013, 1, 1), date(2013, 6, 30))
    assert result.round_name == ""
    assert (result.last_round_name, result.last_round_ended_on) == ("第五轮", date(2012, 12, 31))


def test_student_aid_counts_active_pairs_and_this_years_money(unions):
    students = make_student_round()
    shared = services.helper_for(kind=Helper.Kind.BRANCH, name="县财政局机关党支部")
    first = make_pairing(students, number=1)
    PairingHelper.objects.create(pairing=first, helper=shared)
    second = make_pairing(students, number=2, helpers=[shared])
    gone = make_pairing(students, number=3)
    services.pairing_close(pairing_id=gone.pk, status=Pairing.Status.ENDED,
                           closed_on=date(2011, 7, 1))
    raise_funds(students, 500, date(2011, 12, 1), kind=FundEntry.Kind.DONATION)
    raise_funds(students, 400, date(2012, 3, 1), kind=FundEntry.Kind.DONATION)
    services.fund_entry_create(round_id=students.pk, kind=FundEntry.Kind.DISBURSED,
                               amount=Decimal(700), entered_on=date(2012, 4, 1),
                               pairing=second)
    result = figures.for_period(*H1)
    assert (result.branches, result.students) == (2, 2)
    assert result.donations_received == Decimal(400)
    assert result.donations_disbursed == Decimal(700)


def test_student_aid_money_is_the_periods_from_its_start(unions):
    students = make_student_round()
    make_pairing(students, number=1)
    raise_funds(students, 400, date(2012, 3, 1), kind=FundEntry.Kind.DONATION)
    raise_funds(students, 90, date(2012, 8, 1), kind=FundEntry.Kind.DONATION)
    second_half = figures.for_period(date(2012, 7, 1), date(2012, 12, 31))
    assert second_half.donations_received == Decimal(90)
    assert second_half.students == 1
    assert figures.student_aid_figures(date(2012, 1, 1), date(2012, 12, 31)) == (
        figures.StudentAidFigures(branches=1, students=1, received=Decimal(490),
                                  disbursed=Decimal(0)))


def test_for_period_query_count_does_not_grow_with_data(unions, django_assert_max_num_queries):
    fifth = make_poverty_round()
    students = make_student_round()
    raise_funds(fifth, 10_000_000, date(2011, 3, 2))
    raise_funds(students, 100_000, date(2011, 3, 2), kind=FundEntry.Kind.DONATION)
    sectors = Project.Sector.values
    for number in range(1, 151):
        pairing = make_pairing(fifth, number=number)
        project = make_project(pairing, name=f"项目{number}",
                               sector=sectors[number % len(sectors)])
        inject(project, 1000, date(2011, 4, 1))
        student = make_pairing(students, number=number)
        services.fund_entry_create(round_id=students.pk, kind=FundEntry.Kind.DISBURSED,
                                   amount=Decimal(100), entered_on=date(2012, 2, 1),
                                   pairing=student)
    with CaptureQueriesContext(connection) as small:
        figures.for_period(*H1)
    with django_assert_max_num_queries(len(small)):
        result = figures.for_period(*H1)
    assert result.pairs == 150
    assert result.funded_workers == 150
    assert result.students == 150
    assert len(small) <= 7


def test_query_count_is_the_same_for_few_and_many_rows(unions):
    fifth = make_poverty_round()
    make_pairing(fifth, number=1)
    with CaptureQueriesContext(connection) as few:
        figures.for_period(*H1)
    for number in range(2, 40):
        make_project(make_pairing(fifth, number=number, paired_on=date(2011, 5, 1)),
                     name=f"项目{number}")
    make_worker(999)
    with CaptureQueriesContext(connection) as many:
        figures.for_period(*H1)
    assert len(few) == len(many)
