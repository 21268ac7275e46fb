"""Every page of the registry for an anonymous visitor and each role (DESIGN §4).

Everyone signed in with a role reads; only administrators change anything.
"""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from core.models import ImportBatch
from tests.support.factories import make_headcount_return, make_union, make_user
from unions.models import HeadcountReturn, Union

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "nobody", Role.STAFF, Role.LEADER, Role.ADMIN]
READ = {"anonymous": 302, "nobody": 403, Role.STAFF: 200, Role.LEADER: 200, Role.ADMIN: 200}
WRITE = {"anonymous": 302, "nobody": 403, Role.STAFF: 403, Role.LEADER: 403, Role.ADMIN: 200}


@pytest.fixture
def records(admin_user):
    union = make_union(name="嘉荫县财政局工会")
    ret = make_headcount_return(union, date(2012, 6, 30))
    batch = ImportBatch.objects.create(kind="unions-headcount", filename="a.csv",
                                       content=b"x", uploaded_by=admin_user)
    return {"union": union.pk, "return": ret.pk, "batch": batch.pk}


def client_for(client, visitor, role_users):
    if visitor == "nobody":
        client.force_login(make_user(None, "no-role"))
    elif visitor != "anonymous":
        client.force_login(role_users[visitor])
    return client


PAGES = [
    ("unions:union-list", None, READ),
    ("unions:union-detail", "union", READ),
    ("unions:union-export", None, READ),
    ("unions:union-create", None, WRITE),
    ("unions:union-update", "union", WRITE),
    ("unions:union-dissolve", "union", WRITE),
    ("unions:headcount-create", "union", WRITE),
    ("unions:headcount-update", "return", WRITE),
    ("unions:headcount-import", None, WRITE),
    ("unions:headcount-import-preview", "batch", WRITE),
    ("unions:headcount-import-template", None, WRITE),
]


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize(("name", "arg", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_who_may_open_each_page(client, role_users, records, visitor, name, arg, expected):
    url = reverse(name, args=[records[arg]] if arg else [])
    response = client_for(client, visitor, role_users).get(url)
    assert response.status_code == expected[visitor]
    if visitor == "anonymous":
        assert response.url.startswith(reverse("login"))


WRITES = [
    ("unions:union-create", None, {"name": "新工会", "kind": "private",
                                   "established_on": "2012-01-01"}),
    ("unions:union-update", "union", {"name": "改名", "kind": "private",
                                      "established_on": "2012-01-01", "version": 0}),
    ("unions:union-dissolve", "union", {"dissolved_on": "2012-07-01", "confirm": "on"}),
    ("unions:headcount-create", "union", {"as_of": "2012-12-31", "members": 1, "employed": 1,
                                          "laid_off": 0, "joined": 0}),
    ("unions:headcount-update", "return", {"as_of": "2012-06-30", "members": 99,
                                           "employed": 1, "laid_off": 0, "joined": 0,
                                           "version": 0}),
    ("unions:headcount-import-preview", "batch", {}),
]


@pytest.mark.parametrize("visitor", ["anonymous", Role.STAFF, Role.LEADER])
@pytest.mark.parametrize(("name", "arg", "data"), WRITES, ids=[w[0] for w in WRITES])
def test_only_admins_change_the_registry(client, role_users, records, visitor, name, arg,
                                         data):
    before = (list(Union.objects.values()), list(HeadcountReturn.objects.values()))
    url = reverse(name, args=[records[arg]] if arg else [])
    response = client_for(client, visitor, role_users).post(
        url, {**data, "submission_token": str(uuid.uuid4())})
    assert response.status_code == (302 if visitor == "anonymous" else 403)
    assert (list(Union.objects.values()), list(HeadcountReturn.objects.values())) == before


@pytest.mark.parametrize(("visitor", "shown"), [(Role.STAFF, False), (Role.LEADER, False),
                                                (Role.ADMIN, True)])
def test_edit_buttons_show_only_to_admins(client, role_users, records, visitor, shown):
    client.force_login(role_users[visitor])
    detail = client.get(reverse("unions:union-detail", args=[records["union"]])).content.decode()
    listing = client.get(reverse("unions:union-list")).content.decode()
    assert (reverse("unions:union-update", args=[records["union"]]) in detail) is shown
    assert (reverse("unions:headcount-create", args=[records["union"]]) in detail) is shown
    assert (reverse("unions:headcount-import") in listing) is shown
    assert (reverse("unions:union-create") in listing) is shown
