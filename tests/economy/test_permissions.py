"""Every economy page, for anonymous visitors and each role (DESIGN §4)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from core.models import ImportBatch
from tests.support.factories import make_grant, make_target, make_value_added_return

pytestmark = pytest.mark.django_db

EVERYONE = {Role.STAFF: 200, Role.LEADER: 200, Role.ADMIN: 200}
EDITORS = {Role.STAFF: 200, Role.LEADER: 403, Role.ADMIN: 200}

PAGES = [
    ("economy:sector-table", None, EVERYONE),
    ("economy:sector-export", None, EVERYONE),
    ("economy:household-list", None, EVERYONE),
    ("economy:household-detail", "household", EVERYONE),
    ("economy:household-create", None, EDITORS),
    ("economy:household-update", "household", EDITORS),
    ("economy:return-list", None, EVERYONE),
    ("economy:return-detail", "return", EVERYONE),
    ("economy:return-create", None, EDITORS),
    ("economy:return-update", "return", EDITORS),
    ("economy:return-import", None, EDITORS),
    ("economy:return-import-template", None, EDITORS),
    ("economy:return-import-preview", "batch", EDITORS),
    ("economy:target-list", None, EVERYONE),
    ("economy:target-detail", "target", EVERYONE),
    ("economy:target-create", None, EDITORS),
    ("economy:target-update", "target", EDITORS),
    ("economy:grant-list", None, EVERYONE),
    ("economy:grant-detail", "grant", EVERYONE),
    ("economy:grant-create", None, EDITORS),
    ("economy:grant-update", "grant", EDITORS),
]


@pytest.fixture
def records(unions, staff):
    grant = make_grant()
    batch = ImportBatch.objects.create(kind="economy-returns", filename="r.csv",
                                       content=b"x", uploaded_by=staff)
    return {"household": grant.household, "grant": grant, "return": make_value_added_return(),
            "target": make_target(), "batch": batch}


def url_of(name, key, records) -> str:
    return reverse(name, args=[records[key].pk]) if key else reverse(name)


@pytest.mark.parametrize(("name", "key", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(client, records, name, key, expected):
    response = client.get(url_of(name, key, records))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.STAFF, Role.LEADER, Role.ADMIN])
@pytest.mark.parametrize(("name", "key", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_each_role_gets_what_design_allows(client, role_users, records, role, name, key,
                                           expected):
    client.force_login(role_users[role])
    assert client.get(url_of(name, key, records)).status_code == expected[role]


def test_a_leader_cannot_post_a_return(client, leader, unions):
    client.force_login(leader)
    response = client.post(reverse("economy:return-create"), {
        "union": unions[0].pk, "sector": "industry", "period_start": "2012-01-01",
        "period_end": "2012-06-30", "value_added": "100"})
    assert response.status_code == 403
    assert not unions[0].value_added_returns.exists()


def test_leaders_see_no_edit_buttons(client, leader, records):
    client.force_login(leader)
    page = client.get(reverse("economy:household-detail", args=[records["household"].pk]))
    assert reverse("economy:household-update", args=[records["household"].pk]) not in (
        page.content.decode())
