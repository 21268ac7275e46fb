"""Four eyes (DESIGN §4): nobody approves, rejects or marks paid a case they entered, changed or
submitted: in the service, in the database, and on the case page and the queue."""

from dataclasses import asdict
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.roles import Role
from accounts.services import role_group
from aid import services
from aid.models import AidCase
from tests.support.factories import make_case, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def both():
    """A user holding the staff and the leader role."""
    user = make_user(Role.STAFF, "both-roles")
    user.groups.add(role_group(Role.LEADER))
    return user


def entered_by(user, status=AidCase.Status.SUBMITTED, **fields) -> AidCase:
    return make_case(entered_by=user, status=status, submitted_by=user, **fields)


def changed_by(user, staff) -> AidCase:
    """A draft entered by `staff`, its amount changed by `user`, then submitted by `staff`."""
    case = make_case(entered_by=staff)
    case.amount = Decimal(2500)
    case._history_user = user
    case.save()
    return services.case_submit(case_id=case.pk, by=staff)


def submitted_by(user, staff) -> AidCase:
    case = make_case(entered_by=staff)
    return services.case_submit(case_id=case.pk, by=user)


def approved(case: AidCase, leader) -> AidCase:
    return services.case_approve(case_id=case.pk, by=leader)


OWN = {"entered": lambda user, _staff: entered_by(user), "changed": changed_by,
       "submitted": submitted_by}


# --- the service ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", OWN)
def test_nobody_rejects_a_case_they_entered_changed_or_submitted(how, both, staff):
    case = OWN[how](both, staff)
    with pytest.raises(PermissionDenied):
        services.case_reject(case_id=case.pk, by=both, reason="材料不全")
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED
    assert case.rejected_by is None


@pytest.mark.parametrize("how", OWN)
def test_nobody_marks_paid_a_case_they_entered_changed_or_submitted(how, both, staff, leader):
    case = approved(OWN[how](both, staff), leader)
    with pytest.raises(PermissionDenied):
        services.case_mark_paid(case_id=case.pk, by=both)
    case.refresh_from_db()
    assert case.status == AidCase.Status.APPROVED
    assert case.paid_by is None


def test_the_leader_who_approved_may_mark_paid(staff, leader):
    # Approving is deciding, not entering: it does not make the case the approver's own.
    case = approved(entered_by(staff), leader)
    services.case_mark_paid(case_id=case.pk, by=leader)
    case.refresh_from_db()
    assert (case.status, case.paid_by) == (AidCase.Status.PAID, leader)


def test_another_leader_rejects_the_case(both, leader):
    case = entered_by(both)
    services.case_reject(case_id=case.pk, by=leader, reason="材料不全")
    case.refresh_from_db()
    assert (case.status, case.rejected_by) == (AidCase.Status.REJECTED, leader)


# --- the database ---------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "decider", "own"), [
    ("approved", "approved_by", "submitted_by"),
    ("rejected", "rejected_by", "entered_by"),
    ("rejected", "rejected_by", "submitted_by"),
    ("paid", "paid_by", "entered_by"),
    ("paid", "paid_by", "submitted_by"),
])
def test_the_database_refuses_a_decision_by_the_enterer_or_submitter(status, decider, own,
                                                                     staff, leader, both):
    people = {"entered_by": staff, "submitted_by": staff, "approved_by": leader,
              decider: both, own: both}
    fields = {name: people[name] for name in ("submitted_by", "approved_by")}
    if status == "rejected":
        fields = {"submitted_by": people["submitted_by"], "rejected_by": people["rejected_by"],
                  "rejection_reason": "材料不全"}
    elif status == "paid":
        fields["paid_by"] = people["paid_by"]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(entered_by=people["entered_by"], status=status, **fields)


def test_the_database_accepts_the_same_decisions_by_another_leader(staff, leader):
    make_case(entered_by=staff, submitted_by=staff, status="paid", approved_by=leader,
              paid_by=leader)
    make_case(entered_by=staff, submitted_by=staff, status="rejected", rejected_by=leader,
              rejection_reason="材料不全")
    assert AidCase.objects.count() == 2


# --- what the page and the queue offer -------------------------------------------------------

def offered(case: AidCase, user) -> set[str]:
    return {name for name, may in asdict(case.allowed_actions(user)).items() if may}


@pytest.mark.parametrize("how", OWN)
def test_an_own_submitted_case_offers_no_decision(how, both, staff):
    case = OWN[how](both, staff)
    assert offered(case, both) == {"own_case"}
    annotated = AidCase.objects.with_touched_by(both).get(pk=case.pk)
    assert offered(annotated, both) == {"own_case"}


@pytest.mark.parametrize("how", OWN)
def test_an_own_approved_case_offers_no_payment(how, both, staff, leader):
    case = approved(OWN[how](both, staff), leader)
    assert offered(case, both) == {"own_case"}
    assert offered(case, leader) == {"can_pay"}


def test_the_queue_shows_no_decision_on_own_cases(client, both, staff, leader):
    waiting = entered_by(both)
    to_pay = approved(entered_by(both), leader)
    others = entered_by(staff)
    client.force_login(both)
    content = client.get(reverse("aid:case-queue")).content.decode()
    for case, buttons in ((waiting, ("approve", "reject")), (to_pay, ("pay",))):
        row = content.split(f'data-case="{case.pk}"')[1].split("</tr>")[0]
        for button in buttons:
            assert f'data-testid="{button}-case"' not in row
        assert 'data-testid="own-case"' in row
    row = content.split(f'data-case="{others.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="approve-case"' in row


@pytest.mark.parametrize("step", ["approve", "reject", "pay"])
def test_the_case_page_offers_no_decision_and_a_post_is_forbidden(step, client, both, leader):
    case = entered_by(both)
    if step == "pay":
        case = approved(case, leader)
    client.force_login(both)
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'data-testid="{step}-case"' not in page
    assert 'data-testid="own-case"' in page
    response = client.post(reverse(f"aid:case-{step}", args=[case.pk]), {"reason": "材料不全"})
    assert response.status_code == 403
    before = case.status
    case.refresh_from_db()
    assert case.status == before
