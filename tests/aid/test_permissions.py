"""Every aid page for anonymous visitors, staff, leaders and admins (DESIGN §4)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from aid.models import AidCase
from tests.support.factories import make_campaign, make_case, make_user, make_worker

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, Role.STAFF, Role.LEADER, Role.ADMIN]
EVERYONE = {Role.STAFF: 200, Role.LEADER: 200, Role.ADMIN: 200}
ENTERING = {Role.STAFF: 200, Role.LEADER: 403, Role.ADMIN: 200}
DECIDING = {Role.STAFF: 403, Role.LEADER: 200, Role.ADMIN: 403}

GET_PAGES = [
    ("aid:worker-list", None, EVERYONE),
    ("aid:worker-detail", "worker", EVERYONE),
    ("aid:worker-create", None, ENTERING),
    ("aid:worker-update", "worker", ENTERING),
    ("aid:worker-search", None, EVERYONE),
    ("aid:campaign-list", None, EVERYONE),
    ("aid:campaign-detail", "campaign", EVERYONE),
    ("aid:campaign-create", None, ENTERING),
    ("aid:campaign-update", "campaign", ENTERING),
    ("aid:campaign-batch", "campaign", ENTERING),
    ("aid:case-list", None, EVERYONE),
    ("aid:case-detail", "draft", EVERYONE),
    ("aid:case-create", None, ENTERING),
    ("aid:case-update", "draft", ENTERING),
    ("aid:case-queue", None, DECIDING),
    ("aid:case-export", None, EVERYONE),
]
# POST-only workflow steps: (url name, the case it acts on, who may, their status code)
STEPS = [
    ("aid:case-submit", "draft", {Role.STAFF: 302, Role.LEADER: 403, Role.ADMIN: 302}),
    ("aid:case-approve", "submitted", {Role.STAFF: 403, Role.LEADER: 302, Role.ADMIN: 403}),
    ("aid:case-reject", "submitted", {Role.STAFF: 403, Role.LEADER: 302, Role.ADMIN: 403}),
    ("aid:case-pay", "approved", {Role.STAFF: 403, Role.LEADER: 302, Role.ADMIN: 403}),
]


@pytest.fixture
def objects(db):
    clerk = make_user(Role.STAFF, "clerk")
    boss = make_user(Role.LEADER, "boss")
    worker = make_worker()
    return {
        "worker": worker,
        "campaign": make_campaign(),
        "draft": make_case(entered_by=clerk, worker=worker),
        "submitted": make_case(entered_by=clerk, worker=worker, status="submitted",
                               submitted_by=clerk, granted_on=date(2012, 3, 2)),
        "approved": make_case(entered_by=clerk, worker=worker, status="approved",
                              submitted_by=clerk, approved_by=boss, amount=Decimal(800),
                              granted_on=date(2012, 3, 3)),
    }


def request_as(client, role, role_users):
    if role != ANONYMOUS:
        client.force_login(role_users[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "expected"), GET_PAGES,
                         ids=[page[0] for page in GET_PAGES])
def test_get_pages_per_role(client, role_users, objects, role, name, target, expected):
    request_as(client, role, role_users)
    url = reverse(name, args=[objects[target].pk] if target else [])
    response = client.get(url)
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "expected"), STEPS, ids=[s[0] for s in STEPS])
def test_workflow_steps_per_role(client, role_users, objects, role, name, target, expected):
    request_as(client, role, role_users)
    case = objects[target]
    response = client.post(reverse(name, args=[case.pk]), {"reason": "不符合条件"})
    before = case.status
    case.refresh_from_db()
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        assert case.status == before
    else:
        assert response.status_code == expected[role]
        assert (case.status != before) == (expected[role] == 302)


@pytest.mark.parametrize(("name", "target", "_expected"), STEPS, ids=[s[0] for s in STEPS])
def test_workflow_steps_refuse_get(client, leader, staff, objects, name, target, _expected):
    user = staff if name == "aid:case-submit" else leader
    client.force_login(user)
    response = client.get(reverse(name, args=[objects[target].pk]))
    assert response.status_code == 405
    assert AidCase.objects.get(pk=objects[target].pk).status == target
