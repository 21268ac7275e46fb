"""The home page per role: the to-dos of each role (each linking to exactly its records) and the
current half-year's key figures, in a bounded number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from aid.models import AidCase
from core.periods import half_year_of
from tests.support.factories import (
    make_case,
    make_headcount_return,
    make_union,
    make_user,
    make_worker,
)

pytestmark = pytest.mark.django_db

HOME_QUERIES = 30  # session, user, roles, federation, to-dos (cases, archives, returns), figures


def todos(response) -> list:
    return response.context.get("todos") or []


def labels(response) -> list[str]:
    return [todo.label for todo in todos(response)]


def listed(client, url: str) -> int:
    """How many records the list at `url` shows (the aid case list's or the union list's)."""
    response = client.get(url)
    assert response.status_code == 200
    page = response.context["page_obj"]
    return page.paginator.count


def test_leader_sees_the_cases_awaiting_approval_linking_to_the_queue(client, staff, leader):
    for _ in range(3):
        make_case(entered_by=staff, status=AidCase.Status.SUBMITTED, submitted_by=staff)
    make_case(entered_by=staff)  # a draft: not the leader's business
    client.force_login(leader)
    response = client.get(reverse("home"))
    [todo] = todos(response)
    assert todo.count == 3
    assert todo.url == reverse("aid:case-queue")
    assert "3 cases await your approval" in todo.label or "3件" in todo.label
    assert f'href="{todo.url}"' in response.content.decode()


def test_staff_does_not_see_the_leaders_to_dos(client, staff):
    make_case(entered_by=staff, status=AidCase.Status.SUBMITTED, submitted_by=staff)
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert case_todos(response) == []
    assert reverse("aid:case-queue") not in response.content.decode()


def test_staff_sees_own_drafts_to_submit_and_the_list_holds_exactly_them(client, staff):
    someone_else = make_user("staff", "other-staff")
    make_case(entered_by=staff)
    make_case(entered_by=staff)
    make_case(entered_by=someone_else)
    make_case(entered_by=staff, status=AidCase.Status.SUBMITTED, submitted_by=staff)
    client.force_login(staff)
    [todo] = case_todos(client.get(reverse("home")))
    assert todo.count == 2
    assert listed(client, todo.url) == 2


def case_todos(response) -> list:
    """The to-dos about aid cases (the factories' archives are also overdue for review)."""
    return [todo for todo in todos(response) if todo.url.startswith("/aid/cases/")]


def rejected(*, entered_by, rejected_by, **fields) -> AidCase:
    return make_case(entered_by=entered_by, status=AidCase.Status.REJECTED,
                     rejected_by=rejected_by, rejection_reason="金额有误", **fields)


def test_staff_sees_rejected_cases_not_yet_entered_again(client, staff, leader):
    fixed_worker, open_worker = make_worker(), make_worker()
    rejected(entered_by=staff, rejected_by=leader, worker=fixed_worker)
    make_case(entered_by=staff, worker=fixed_worker)  # entered again: fixed
    rejected(entered_by=staff, rejected_by=leader, worker=open_worker)
    client.force_login(staff)
    found = {todo.url: todo for todo in todos(client.get(reverse("home")))}
    [to_fix] = [todo for url, todo in found.items() if "to_fix" in url]
    assert to_fix.count == 1
    assert listed(client, to_fix.url) == 1


def test_admin_sees_the_unions_without_a_return_this_half_year(client, admin_user):
    today = timezone.localdate()
    start, _end = half_year_of(today)
    returned, stale, never = make_union(), make_union(), make_union()
    make_headcount_return(returned, as_of=start)
    make_headcount_return(stale, as_of=start - timedelta(days=1))
    make_union(dissolved_on=start - timedelta(days=10))  # not active: no return expected
    client.force_login(admin_user)
    response = client.get(reverse("home"))
    [todo] = todos(response)
    assert todo.count == 2
    assert listed(client, todo.url) == 2
    listing = client.get(todo.url).content.decode()
    assert stale.name in listing
    assert never.name in listing
    assert returned.name not in listing


def test_leader_and_staff_get_no_registry_to_do(client, staff, leader):
    make_union()
    for user in (staff, leader):
        client.force_login(user)
        assert not any("union" in todo.url for todo in todos(client.get(reverse("home"))))


def test_key_figures_of_the_current_half_year_link_to_their_lists(client, staff, leader):
    today = timezone.localdate()
    worker = make_worker()
    make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
              granted_on=today, status=AidCase.Status.APPROVED, approved_by=leader)
    make_case(entered_by=staff, kind=AidCase.Kind.LIVING, amount=Decimal(2000),
              granted_on=today - timedelta(days=400), status=AidCase.Status.PAID,
              approved_by=leader, paid_by=leader)  # an earlier half-year
    client.force_login(leader)
    response = client.get(reverse("home"))
    figures = {figure.label: figure for figure in response.context["key_figures"]}
    visited = figures["慰问职工"]
    assert visited.value == "1"
    assert listed(client, visited.url) == 1
    content = response.content.decode()
    assert response.context["period"].label in content
    assert visited.url.replace("&", "&amp;") in content


def test_an_empty_database_shows_zero_figures_and_no_to_dos(client, leader):
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert todos(response) == []
    assert response.context["key_figures"]
    assert all(figure.value.startswith("0") for figure in response.context["key_figures"])


def test_a_user_without_role_sees_neither_figures_nor_to_dos(client):
    client.force_login(make_user(None, "nobody"))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "key_figures" not in response.context
    assert 'data-testid="key-figures"' not in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "leader", "admin"])
def test_the_home_page_takes_a_bounded_number_of_queries(client, role, role_users,
                                                         django_assert_max_num_queries):
    staff = role_users["staff"]
    for _ in range(5):
        union = make_union()
        make_headcount_return(union, as_of=timezone.localdate())
        make_case(entered_by=staff, worker=make_worker(union=union),
                  status=AidCase.Status.SUBMITTED, submitted_by=staff)
        rejected(entered_by=staff, rejected_by=role_users["leader"])
        make_case(entered_by=staff)
    client.force_login(role_users[role])
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(reverse("home"))
    assert todos(response)


def test_the_role_cards_keep_their_links(client, role_users):
    client.force_login(role_users["admin"])
    content = client.get(reverse("home")).content.decode()
    for name in ("unions:union-list", "unions:headcount-import", "admin:index",
                 "aid:case-create", "pairings:round-list", "economy:sector-table",
                 "activities:activity-list", "reports:period-list"):
        assert f'href="{reverse(name)}"' in content


def test_the_archives_to_dos_are_on_the_home_page(client, staff):
    worker = make_worker()  # an archive in force for years, never reviewed
    client.force_login(staff)
    [todo] = [t for t in todos(client.get(reverse("home"))) if "overdue_on=" in t.url]
    assert todo.count == 1
    assert "年度复核" in todo.label
    assert worker.name in client.get(todo.url).content.decode()
