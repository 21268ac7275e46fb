import pytest
from django.urls import reverse

from aid.models import AidCase
from tests.support.factories import make_case, make_user

pytestmark = pytest.mark.django_db


def test_staff_home_has_the_aid_entry_card(client, staff):
    client.force_login(staff)
    content = client.get(reverse("home")).content.decode()
    assert 'data-testid="aid-card"' in content
    assert 'data-testid="aid-queue-card"' not in content
    assert reverse("aid:case-create") in content


def test_leader_home_counts_the_cases_waiting(client, staff, leader):
    for _ in range(3):
        make_case(entered_by=staff, status=AidCase.Status.SUBMITTED, submitted_by=staff)
    make_case(entered_by=staff)
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert 'data-testid="aid-queue-card"' in response.content.decode()
    [todo] = response.context["todos"]
    assert (todo.count, todo.url) == (3, reverse("aid:case-queue"))
    assert 'data-testid="aid-card"' not in response.content.decode()


def test_a_user_without_role_gets_no_aid_menu(client):
    client.force_login(make_user(None, "nobody"))
    content = client.get(reverse("home")).content.decode()
    assert reverse("aid:case-list") not in content


def test_admin_sets_the_caps_in_the_django_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:aid_aidkindcap_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 4


def test_workers_and_cases_are_not_in_the_django_admin(client, admin_user):
    from django.contrib import admin

    from aid.models import HardshipWorker

    assert not admin.site.is_registered(HardshipWorker)
    assert not admin.site.is_registered(AidCase)
