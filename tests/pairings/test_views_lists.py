"""The read pages: filters, totals, empty states, fixed query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pairings import services
from pairings.models import Beneficiary, FundEntry, Pairing, Project
from tests.support.factories import (
    inject,
    make_pairing,
    make_poverty_round,
    make_project,
    make_student_round,
    raise_funds,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifth(unions):
    fifth = make_poverty_round()
    raise_funds(fifth, 100000, date(2011, 3, 2))
    return fifth


def populate(round_, start: int, count: int) -> None:
    for number in range(start, start + count):
        kind = Beneficiary.Kind.BASE if number % 5 == 0 else Beneficiary.Kind.WORKER
        pairing = make_pairing(round_, number=number, kind=kind)
        project = make_project(pairing, name=f"项目{number}",
                               sector=Project.Sector.values[number % 6])
        inject(project, 1000, date(2011, 4, 1))


def page(client, name, params=None, args=()):
    response = client.get(reverse(f"pairings:{name}", args=args), params or {})
    assert response.status_code == 200
    return response


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("name", "params"), [
    ("pairing-list", {}), ("pairing-list", {"q": "职工", "sort": "-injected"}),
    ("project-list", {"sector": "breeding"}), ("fund-list", {}), ("round-list", {}),
    ("student-aid", {}),
])
def test_list_query_count_does_not_grow(client, staff, fifth, name, params):
    client.force_login(staff)
    populate(fifth, 1, 6)  # one of each sector: every filter shows rows
    url = reverse(f"pairings:{name}")
    few = queries(client, url, params)
    populate(fifth, 7, 30)
    assert queries(client, url, params) == few


def test_round_overview_query_count_does_not_grow(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 3)
    url = reverse("pairings:round-detail", args=[fifth.pk])
    few = queries(client, url)
    populate(fifth, 4, 30)
    assert queries(client, url) == few


def test_pairing_detail_query_count_does_not_grow_with_projects(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth)
    make_project(pairing, name="一")
    url = reverse("pairings:pairing-detail", args=[pairing.pk])
    few = queries(client, url)
    for number in range(2, 12):
        inject(make_project(pairing, name=f"项目{number}"), 100, date(2011, 4, 1))
    assert queries(client, url) == few


def test_round_overview_shows_pairs_projects_money_and_exit_rate(client, leader, fifth):
    client.force_login(leader)
    populate(fifth, 1, 10)  # 8 workers and 2 bases, 10,000 injected
    services.pairing_close(pairing_id=Pairing.objects.first().pk,
                           status=Pairing.Status.EXITED, closed_on=date(2012, 1, 10))
    response = page(client, "round-detail", args=[fifth.pk])
    numbers = response.context["numbers"]
    assert (numbers.pairs, numbers.worker_pairs, numbers.base_pairs) == (10, 8, 2)
    assert numbers.exit_rate == Decimal("10.0")
    html = response.content.decode()
    assert 'data-testid="raised">100,000元' in html
    assert 'data-testid="injected">10,000元' in html
    assert 'data-testid="available">90,000元' in html
    assert "养殖业" in html
    assert "<svg" in html
    assert "style=" not in html
    assert f"?round={fifth.pk}&amp;sector=breeding" in html


def test_pairing_list_filters_by_round_kind_status_and_search(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 5)
    fourth = make_poverty_round(name="第四轮", starts_on=date(2009, 1, 1),
                                ends_on=date(2010, 12, 31))
    make_pairing(fourth, number=90)
    assert page(client, "pairing-list").context["paginator"].count == 6
    assert page(client, "pairing-list", {"round": fifth.pk}).context["paginator"].count == 5
    assert page(client, "pairing-list", {"round": "第四轮"}).context["paginator"].count == 1
    assert page(client, "pairing-list", {"kind": "base"}).context["paginator"].count == 1
    assert page(client, "pairing-list", {"status": "exited"}).context["paginator"].count == 0
    found = page(client, "pairing-list", {"q": "职工3"}).context["pairings"]
    assert [p.beneficiary_name for p in found] == ["职工3"]
    by_helper = page(client, "pairing-list", {"q": "单位4"}).context["pairings"]
    assert [p.beneficiary_name for p in by_helper] == ["职工4"]


def test_pairing_list_totals_and_sorting(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 3)
    first = Pairing.objects.order_by("pk").first()
    inject(first.projects.get(), 4000, date(2011, 5, 1))
    response = page(client, "pairing-list", {"sort": "-injected"})
    assert response.context["pairings"][0] == first
    assert response.context["totals"]["injected"] == Decimal(7000)
    assert 'data-testid="total-injected">7,000元' in response.content.decode()


def test_pairing_list_paginates_and_keeps_filters(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 27)
    response = page(client, "pairing-list", {"round": fifth.pk, "page": 2})
    assert len(response.context["pairings"]) == 2
    assert f"round={fifth.pk}&amp;page=1" in response.content.decode()


def test_empty_lists_say_so(client, staff, db):
    client.force_login(staff)
    assert "没有符合条件的帮扶对子" in page(client, "pairing-list").content.decode()
    assert "没有符合条件的帮扶项目" in page(client, "project-list").content.decode()
    assert "没有符合条件的资金台账" in page(client, "fund-list").content.decode()
    assert "还没有轮次" in page(client, "round-list").content.decode()


def test_project_list_filters_by_round_and_sector_with_totals(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 12)
    response = page(client, "project-list", {"round": "第五轮", "sector": "breeding"})
    assert {p.sector for p in response.context["projects"]} == {"breeding"}
    assert response.context["paginator"].count == 2
    assert response.context["totals"]["injected"] == Decimal(2000)


def test_fund_list_filters_by_kind_and_shows_the_balance(client, staff, fifth):
    client.force_login(staff)
    populate(fifth, 1, 3)
    response = page(client, "fund-list", {"round": fifth.pk})
    assert response.context["balance"] == Decimal(97000)
    assert 'data-testid="balance">97,000元' in response.content.decode()
    injected = page(client, "fund-list", {"kind": "injected"})
    assert {e.kind for e in injected.context["entries"]} == {FundEntry.Kind.INJECTED}


def test_pairing_detail_shows_helpers_projects_ledger_and_history(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth)
    inject(make_project(pairing, name="生猪养殖"), 3000, date(2011, 4, 5))
    html = page(client, "pairing-detail", args=[pairing.pk]).content.decode()
    assert "领导1" in html
    assert "单位1" in html
    assert "生猪养殖" in html
    assert "3,000元" in html
    assert 'data-testid="history"' in html
    assert pairing.beneficiary.worker.id_number not in html  # masked: first 6 + last 4
    assert pairing.beneficiary.worker.masked_id_number in html


def test_fund_entry_history_shows_who_changed_what(client, staff, fifth):
    client.force_login(staff)
    entry = raise_funds(fifth, 1000, date(2011, 3, 20))
    client.post(reverse("pairings:fund-update", args=[entry.pk]),
                {"amount": "1500", "entered_on": "2011-03-20", "counterparty": "县财政局",
                 "version": "0"})
    html = page(client, "fund-detail", args=[entry.pk]).content.decode()
    assert "张工作" in html
    assert "1000.00" in html
    assert "1500.00" in html


def test_student_aid_page_shows_the_years_money(client, leader, unions):
    client.force_login(leader)
    students = make_student_round()
    pairing = make_pairing(students)
    raise_funds(students, 25680, date(2012, 3, 1), kind=FundEntry.Kind.DONATION)
    services.fund_entry_create(round_id=students.pk, kind=FundEntry.Kind.DISBURSED,
                               amount=Decimal(25680), entered_on=date(2012, 4, 1),
                               pairing=pairing)
    response = page(client, "student-aid", {"year": 2012})
    html = response.content.decode()
    assert response.context["numbers"].students == 1
    assert 'data-testid="received">2.568万元' in html
    assert "已全部下拨" in html
    assert page(client, "student-aid").context["year"] == 2012  # the latest year with money
    assert "本年度没有捐助或发放" in page(client, "student-aid", {"year": 2011}).content.decode()


def test_student_round_overview_shows_branches_students_and_donations(client, leader, unions):
    client.force_login(leader)
    students = make_student_round()
    for number in range(1, 4):
        make_pairing(students, number=number)
    raise_funds(students, 600, date(2012, 3, 1), kind=FundEntry.Kind.DONATION)
    response = page(client, "round-detail", args=[students.pk])
    numbers = response.context["numbers"]
    assert (numbers.student_pairs, numbers.branches) == (3, 3)
    html = response.content.decode()
    assert "600元" in html
    assert "困难学生: 3" in html
    assert "帮扶项目按行业" not in html  # student aid has no projects
