from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from aid import services
from aid.models import AidCase
from core.locking import StaleEdit
from tests.support.factories import make_campaign, make_case, make_user, make_worker

pytestmark = pytest.mark.django_db


def submitted(staff) -> AidCase:
    return make_case(entered_by=staff, status=AidCase.Status.SUBMITTED, submitted_by=staff)


def approved(staff, leader) -> AidCase:
    return make_case(entered_by=staff, status=AidCase.Status.APPROVED, submitted_by=staff,
                     approved_by=leader)


def test_staff_creates_a_draft_entered_by_them(staff):
    case = services.case_create(by=staff, worker=make_worker(), kind=AidCase.Kind.MEDICAL,
                                amount=Decimal(3000), granted_on=date(2012, 3, 1))
    assert case.status == AidCase.Status.DRAFT
    assert case.entered_by == staff
    assert case.history.get().history_user == staff


def test_create_can_submit_at_once(staff):
    case = services.case_create(by=staff, worker=make_worker(), kind=AidCase.Kind.LIVING,
                                amount=Decimal(1000), granted_on=date(2012, 3, 1), submit=True)
    assert case.status == AidCase.Status.SUBMITTED
    assert case.submitted_by == staff
    assert case.submitted_at is not None


def test_leader_cannot_create_a_case(leader):
    with pytest.raises(PermissionDenied):
        services.case_create(by=leader, worker=make_worker(), kind=AidCase.Kind.LIVING,
                             amount=Decimal(1000), granted_on=date(2012, 3, 1))
    assert not AidCase.objects.exists()


def test_create_checks_the_cap(staff):
    with pytest.raises(ValidationError):
        services.case_create(by=staff, worker=make_worker(), kind=AidCase.Kind.LIVING,
                             amount=Decimal(999999), granted_on=date(2012, 3, 1))
    assert not AidCase.objects.exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_and_admin_submit_a_draft(role, staff):
    user = make_user(role, f"submitter-{role}")
    case = make_case(entered_by=staff)
    case = services.case_submit(case_id=case.pk, by=user)
    assert case.status == AidCase.Status.SUBMITTED
    assert case.submitted_by == user
    assert case.submitted_at is not None
    assert case.version == 1


def test_leader_cannot_submit(staff, leader):
    case = make_case(entered_by=staff)
    with pytest.raises(PermissionDenied):
        services.case_submit(case_id=case.pk, by=leader)


def test_a_submitted_case_cannot_be_submitted_again(staff):
    case = submitted(staff)
    with pytest.raises(services.TransitionError):
        services.case_submit(case_id=case.pk, by=staff)


def test_leader_approves_a_submitted_case(staff, leader):
    case = services.case_approve(case_id=submitted(staff).pk, by=leader)
    case.refresh_from_db()
    assert case.status == AidCase.Status.APPROVED
    assert case.approved_by == leader
    assert case.approved_at is not None
    assert case.history.first().history_user == leader


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_and_admin_cannot_approve(role, staff):
    case = submitted(staff)
    with pytest.raises(PermissionDenied):
        services.case_approve(case_id=case.pk, by=make_user(role, f"other-{role}"))
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED


def test_leader_cannot_approve_own_case():
    both = make_user(Role.STAFF, "both")
    both.groups.add(*make_user(Role.LEADER, "tmp").groups.all())
    case = make_case(entered_by=both, status=AidCase.Status.SUBMITTED, submitted_by=both)
    with pytest.raises(PermissionDenied):
        services.case_approve(case_id=case.pk, by=both)
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED
    assert case.approved_by is None


def test_nobody_approves_a_case_they_changed_or_submitted(staff):
    both = make_user(Role.STAFF, "both")
    both.groups.add(*make_user(Role.LEADER, "tmp").groups.all())
    case = make_case(entered_by=staff)
    case.amount = Decimal(2500)
    case._history_user = both
    case.save()
    services.case_submit(case_id=case.pk, by=staff)
    with pytest.raises(PermissionDenied):
        services.case_approve(case_id=case.pk, by=both)
    other = make_case(entered_by=staff)
    services.case_submit(case_id=other.pk, by=both)
    with pytest.raises(PermissionDenied):
        services.case_approve(case_id=other.pk, by=both)


def test_a_draft_cannot_be_approved(staff, leader):
    case = make_case(entered_by=staff)
    with pytest.raises(services.TransitionError):
        services.case_approve(case_id=case.pk, by=leader)


def test_leader_rejects_with_a_reason(staff, leader):
    case = services.case_reject(case_id=submitted(staff).pk, by=leader, reason=" 收入超标 ")
    case.refresh_from_db()
    assert case.status == AidCase.Status.REJECTED
    assert case.rejected_by == leader
    assert case.rejection_reason == "收入超标"


def test_rejection_needs_a_reason(staff, leader):
    case = submitted(staff)
    with pytest.raises(ValidationError):
        services.case_reject(case_id=case.pk, by=leader, reason="  ")
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_only_leaders_reject(role, staff):
    case = submitted(staff)
    with pytest.raises(PermissionDenied):
        services.case_reject(case_id=case.pk, by=make_user(role, f"r-{role}"), reason="不行")


def test_an_approved_case_cannot_be_rejected(staff, leader):
    case = approved(staff, leader)
    with pytest.raises(services.TransitionError):
        services.case_reject(case_id=case.pk, by=leader, reason="晚了")


def test_leader_marks_an_approved_case_paid(staff, leader):
    case = services.case_mark_paid(case_id=approved(staff, leader).pk, by=leader)
    case.refresh_from_db()
    assert case.status == AidCase.Status.PAID
    assert case.paid_by == leader
    assert case.paid_at is not None


def test_a_submitted_case_cannot_be_paid(staff, leader):
    case = submitted(staff)
    with pytest.raises(services.TransitionError):
        services.case_mark_paid(case_id=case.pk, by=leader)


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_only_leaders_mark_paid(role, staff, leader):
    case = approved(staff, leader)
    with pytest.raises(PermissionDenied):
        services.case_mark_paid(case_id=case.pk, by=make_user(role, f"p-{role}"))


def test_a_rejected_case_is_final(staff, leader):
    case = make_case(entered_by=staff, status=AidCase.Status.REJECTED, rejected_by=leader,
                     rejection_reason="不符合")
    for step in (services.case_submit, services.case_approve, services.case_mark_paid):
        user = staff if step is services.case_submit else leader
        with pytest.raises(services.TransitionError):
            step(case_id=case.pk, by=user)


def test_every_step_bumps_the_version(staff, leader):
    case = make_case(entered_by=staff)
    services.case_submit(case_id=case.pk, by=staff)
    services.case_approve(case_id=case.pk, by=leader)
    services.case_mark_paid(case_id=case.pk, by=leader)
    case.refresh_from_db()
    assert case.version == 3
    assert case.history.count() == 4


def test_batch_records_one_visit_per_ticked_worker(staff):
    campaign = make_campaign()
    workers = [make_worker() for _ in range(3)]
    cases = services.batch_visits(by=staff, campaign=campaign, workers=workers,
                                  amount=Decimal(500), granted_on=date(2012, 1, 10))
    assert len(cases) == 3
    assert set(AidCase.objects.values_list("kind", "status", "amount", "campaign")) == {
        (AidCase.Kind.VISIT, AidCase.Status.SUBMITTED, Decimal(500), campaign.pk)}


def test_batch_with_one_already_visited_worker_records_nothing(staff):
    campaign = make_campaign()
    workers = [make_worker() for _ in range(3)]
    make_case(entered_by=staff, worker=workers[1], kind=AidCase.Kind.VISIT,
              amount=Decimal(500), campaign=campaign, granted_on=date(2012, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.batch_visits(by=staff, campaign=campaign, workers=workers,
                              amount=Decimal(500), granted_on=date(2012, 1, 10))
    assert workers[1].name in error.value.messages[0]
    assert AidCase.objects.count() == 1


def test_batch_needs_a_worker(staff):
    with pytest.raises(ValidationError):
        services.batch_visits(by=staff, campaign=make_campaign(), workers=[],
                              amount=Decimal(500), granted_on=date(2012, 1, 10))


def test_a_visit_entered_twice_at_the_same_moment_is_refused_by_the_database(staff,
                                                                             monkeypatch):
    campaign = make_campaign()
    worker = make_worker()
    first = services.case_create(by=staff, worker=worker, kind=AidCase.Kind.VISIT,
                                 amount=Decimal(500), granted_on=date(2012, 1, 5),
                                 campaign=campaign)
    checks = []
    full_clean = AidCase.full_clean

    def blind_first_check(self, *args, **kwargs):
        # As if the first visit was saved just after this one's check passed.
        checks.append(self)
        if len(checks) > 1:
            full_clean(self, *args, **kwargs)

    monkeypatch.setattr(AidCase, "full_clean", blind_first_check)
    with pytest.raises(ValidationError) as error:
        services.case_create(by=staff, worker=worker, kind=AidCase.Kind.VISIT,
                             amount=Decimal(500), granted_on=date(2012, 1, 6),
                             campaign=campaign)
    assert str(first.pk) in error.value.messages[0]
    assert AidCase.objects.count() == 1


def test_staff_changes_a_draft_and_the_change_names_them(staff):
    case = make_case(entered_by=staff, amount=Decimal(1000))
    case.amount = Decimal(1200)
    services.case_update(case=case, by=staff, seen_version=0)
    case.refresh_from_db()
    assert case.amount == Decimal(1200)
    assert case.version == 1
    assert case.history.first().history_user == staff


def test_a_change_to_a_case_saved_since_it_was_opened_is_refused(staff):
    case = make_case(entered_by=staff, amount=Decimal(1000))
    services.case_update(case=AidCase.objects.get(pk=case.pk), by=staff, seen_version=0)
    case.amount = Decimal(1500)
    with pytest.raises(StaleEdit):
        services.case_update(case=case, by=staff, seen_version=0)
    case.refresh_from_db()
    assert case.amount == Decimal(1000)


def test_a_submitted_case_is_not_changed(staff):
    case = submitted(staff)
    case.amount = Decimal(9)
    with pytest.raises(services.TransitionError):
        services.case_update(case=case, by=staff, seen_version=0)
    case.refresh_from_db()
    assert case.amount == Decimal(2000)


def test_leader_cannot_change_a_case(staff, leader):
    case = make_case(entered_by=staff)
    with pytest.raises(PermissionDenied):
        services.case_update(case=case, by=leader, seen_version=0)
