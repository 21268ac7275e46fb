"""Every page of the app, for every role: everyone signed in reads; staff and admins write."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from core.models import ImportBatch
from pairings.models import FundEntry, Pairing, Project
from tests.support.factories import (
    inject,
    make_pairing,
    make_poverty_round,
    make_project,
    make_user,
    raise_funds,
)

pytestmark = pytest.mark.django_db

READ_PAGES = ["round-list", "round-detail", "pairing-list", "pairing-detail", "project-list",
              "project-detail", "fund-list", "fund-detail", "student-aid"]
WRITE_PAGES = ["round-create", "round-update", "pairing-create", "pairing-exit",
               "project-create", "project-update", "fund-create", "fund-update",
               "pairs-import", "pairs-import-template", "pairs-import-preview"]
ROLES = [None, Role.STAFF, Role.LEADER, Role.ADMIN, "no-role"]


@pytest.fixture
def records(unions):
    fifth = make_poverty_round()
    pairing = make_pairing(fifth)
    project = make_project(pairing, started_on=date(2011, 4, 1))
    raise_funds(fifth, 10000, date(2011, 3, 10))
    entry = inject(project, 5000, date(2011, 4, 10))
    uploader = make_user(Role.STAFF, "uploader")
    batch = ImportBatch.objects.create(kind="pairings.pairs", filename="pairs.csv",
                                       content=b"x", uploaded_by=uploader)
    return {"round": fifth, "pairing": pairing, "project": project, "entry": entry,
            "batch": batch}


def url_of(name: str, records) -> str:
    args = {
        "round-detail": [records["round"].pk], "round-update": [records["round"].pk],
        "pairing-detail": [records["pairing"].pk], "pairing-exit": [records["pairing"].pk],
        "project-create": [records["pairing"].pk], "project-detail": [records["project"].pk],
        "project-update": [records["project"].pk], "fund-detail": [records["entry"].pk],
        "fund-update": [records["entry"].pk], "pairs-import-preview": [records["batch"].pk],
    }.get(name, [])
    return reverse(f"pairings:{name}", args=args)


def sign_in(client, role):
    if role is None:
        return None
    user = make_user(None if role == "no-role" else role, f"user-{role}")
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", READ_PAGES)
def test_read_pages_are_open_to_every_role(client, records, name, role):
    sign_in(client, role)
    response = client.get(url_of(name, records))
    if role is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif role == "no-role":  # signed in but not given a role yet: only the home page
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", WRITE_PAGES)
def test_write_pages_are_for_staff_and_admins(client, records, name, role):
    user = sign_in(client, role)
    if user is not None:  # a batch is seen by its uploader only (tests/core/test_import_batches)
        ImportBatch.objects.update(uploaded_by=user)
    response = client.get(url_of(name, records))
    if role is None:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif role in (Role.STAFF, Role.ADMIN):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [None, Role.LEADER, "no-role"])
def test_leaders_and_others_cannot_post_to_write_pages(client, records, role):
    sign_in(client, role)
    fifth = records["round"]
    posts = {
        "fund-create": {"round": fifth.pk, "kind": "raised", "amount": "100",
                        "entered_on": "2011-05-01"},
        "pairing-exit": {"status": "exited", "closed_on": "2012-05-01", "version": "0"},
        "project-create": {"sector": "breeding", "name": "新项目", "started_on": "2011-05-01"},
        "fund-update": {"amount": "1", "entered_on": "2011-04-10", "version": "0"},
        "round-update": {"name": "改名", "starts_on": "2011-03-01", "version": "0"},
        "pairs-import-preview": {},
    }
    for name, data in posts.items():
        response = client.post(url_of(name, records), data)
        assert response.status_code in (302, 403)
        if role is not None:
            assert response.status_code == 403
    assert FundEntry.objects.count() == 2
    assert Project.objects.count() == 1
    assert Pairing.objects.get().status == Pairing.Status.ACTIVE
    assert records["round"].name == "第五轮"
    records["entry"].refresh_from_db()
    assert records["entry"].amount == 5000


@pytest.mark.parametrize(("role", "shown"), [(Role.STAFF, True), (Role.ADMIN, True),
                                        (Role.LEADER, False)])
def test_write_buttons_show_only_to_staff_and_admins(client, records, role, shown):
    sign_in(client, role)
    page = client.get(url_of("pairing-detail", records)).content.decode()
    assert (reverse("pairings:pairing-exit", args=[records["pairing"].pk]) in page) is shown
    assert (reverse("pairings:project-create", args=[records["pairing"].pk]) in page) is shown


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.ADMIN])
def test_every_role_sees_the_pairings_link_and_card(client, role, db):
    sign_in(client, role)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("pairings:round-list")}"' in page
    assert 'data-testid="card-pairings"' in page
    assert (f'href="{reverse("pairings:pairing-create")}"' in page) is (role != Role.LEADER)
