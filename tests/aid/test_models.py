from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import Role, has_role
from aid.models import AidCase, AidKindCap, HardshipWorker
from tests.support.factories import (
    make_campaign,
    make_case,
    make_union,
    make_user,
    make_worker,
    valid_id,
)

pytestmark = pytest.mark.django_db


def new_case(staff, **fields) -> AidCase:
    fields = {"kind": AidCase.Kind.LIVING, "amount": Decimal(2000),
              "granted_on": date(2012, 3, 1), **fields}
    if "worker" not in fields:
        fields["worker"] = make_worker()
    return AidCase(entered_by=staff, **fields)


def test_worker_birth_date_and_sex_are_derived_from_the_id_number():
    worker = make_worker(id_number=valid_id("23072219650412002"))
    assert worker.birth_date == date(1965, 4, 12)
    assert worker.sex == HardshipWorker.Sex.FEMALE


def test_worker_id_with_lower_case_x_is_stored_upper_case():
    worker = make_worker(id_number="11010519491231002x")
    worker.refresh_from_db()
    assert worker.id_number == "11010519491231002X"


def test_second_archive_for_the_same_id_is_refused_even_with_lower_case_x():
    make_worker(id_number="11010519491231002X")
    duplicate = HardshipWorker(
        name="重复", id_number="11010519491231002x", union=make_union(),
        employment_status="laid_off", hardship_level="extreme", registered_on=date(2011, 1, 1))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "id_number" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_default_caps_exist_for_every_kind():
    assert set(AidKindCap.objects.values_list("kind", flat=True)) == set(AidCase.Kind.values)


def test_amount_above_the_cap_of_its_kind_is_refused(staff):
    AidKindCap.objects.update_or_create(kind=AidCase.Kind.LIVING,
                                        defaults={"max_amount": Decimal(3000)})
    new_case(staff, amount=Decimal(3000)).full_clean()
    with pytest.raises(ValidationError) as error:
        new_case(staff, amount=Decimal("3000.01")).full_clean()
    assert error.value.error_dict["amount"][0].code == "over_cap"


def test_cap_is_per_kind(staff):
    AidKindCap.objects.update_or_create(kind=AidCase.Kind.LIVING,
                                        defaults={"max_amount": Decimal(3000)})
    AidKindCap.objects.update_or_create(kind=AidCase.Kind.MEDICAL,
                                        defaults={"max_amount": Decimal(10000)})
    new_case(staff, kind=AidCase.Kind.MEDICAL, amount=Decimal(8000)).full_clean()


def test_amount_with_more_than_two_decimals_is_refused(staff):
    with pytest.raises(ValidationError) as error:
        new_case(staff, amount=Decimal("100.005")).full_clean()
    assert "amount" in error.value.message_dict


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-5)])
def test_amount_must_be_positive(staff, amount):
    with pytest.raises(ValidationError) as error:
        new_case(staff, amount=amount).full_clean()
    assert "amount" in error.value.message_dict


def test_database_refuses_a_zero_amount(staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(entered_by=staff, amount=Decimal(0))


def test_date_granted_cannot_be_in_the_future(staff):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        new_case(staff, granted_on=tomorrow).full_clean()
    assert error.value.error_dict["granted_on"][0].code == "future"


def test_date_granted_must_fall_within_the_campaign(staff):
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    with pytest.raises(ValidationError) as error:
        new_case(staff, kind=AidCase.Kind.VISIT, amount=Decimal(500), campaign=campaign,
                 granted_on=date(2012, 2, 1)).full_clean()
    assert error.value.error_dict["granted_on"][0].code == "outside_campaign"


def test_second_visit_in_the_same_campaign_is_refused_pointing_at_the_first(staff):
    campaign = make_campaign()
    worker = make_worker(name="赵秀英")
    first = make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.VISIT,
                      amount=Decimal(500), campaign=campaign, granted_on=date(2012, 1, 5))
    second = new_case(staff, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
                      campaign=campaign, granted_on=date(2012, 1, 9))
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    messages = error.value.message_dict["worker"]
    assert len(messages) == 1
    assert f"第{first.pk}号" in messages[0]
    assert "2012-01-05" in messages[0]
    assert second.first_visit_in_campaign() == first


def test_database_refuses_a_second_visit_in_the_same_campaign(staff):
    campaign = make_campaign()
    worker = make_worker()
    make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.VISIT,
                  amount=Decimal(500), campaign=campaign, granted_on=date(2012, 1, 6))


def test_a_rejected_visit_does_not_block_a_new_one(staff, leader):
    campaign = make_campaign()
    worker = make_worker()
    make_case(entered_by=staff, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
              campaign=campaign, granted_on=date(2012, 1, 5), status=AidCase.Status.REJECTED,
              rejected_by=leader, rejection_reason="重复")
    new_case(staff, worker=worker, kind=AidCase.Kind.VISIT, amount=Decimal(500),
             campaign=campaign, granted_on=date(2012, 1, 6)).full_clean()


def test_relief_cases_may_repeat_in_a_campaign(staff):
    campaign = make_campaign()
    worker = make_worker()
    make_case(entered_by=staff, worker=worker, campaign=campaign, granted_on=date(2012, 1, 5))
    new_case(staff, worker=worker, campaign=campaign, granted_on=date(2012, 1, 6)).full_clean()


def test_database_refuses_an_approval_by_the_person_who_entered_it(staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(entered_by=staff, status=AidCase.Status.APPROVED, approved_by=staff)


def test_database_refuses_a_rejection_without_reason(staff, leader):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_case(entered_by=staff, status=AidCase.Status.REJECTED, rejected_by=leader)


def test_case_after_the_worker_left_hardship_is_refused(staff):
    worker = make_worker(exited_on=date(2011, 12, 31))
    with pytest.raises(ValidationError) as error:
        new_case(staff, worker=worker, granted_on=date(2012, 1, 5)).full_clean()
    assert error.value.error_dict["granted_on"][0].code == "after_exit"


# --- what a user may do with a case ------------------------------------------------------

@pytest.mark.parametrize(("status", "role", "allowed"), [
    ("draft", Role.STAFF, {"can_edit", "can_submit"}),
    ("draft", Role.ADMIN, {"can_edit", "can_submit"}),
    ("draft", Role.LEADER, set()),
    ("submitted", Role.STAFF, set()),
    ("submitted", Role.LEADER, {"can_approve", "can_reject"}),
    ("approved", Role.LEADER, {"can_pay"}),
    ("approved", Role.STAFF, set()),
    ("paid", Role.LEADER, set()),
    ("rejected", Role.LEADER, set()),
])
def test_allowed_actions_follow_role_and_status(staff, leader, status, role, allowed):
    case = make_case(entered_by=staff, status=status, submitted_by=staff,
                     approved_by=leader if status in ("approved", "paid") else None,
                     paid_by=leader if status == "paid" else None,
                     rejected_by=leader if status == "rejected" else None,
                     rejection_reason="不符合" if status == "rejected" else "")
    user = make_user(role, f"someone-{role}")
    actions = asdict(case.allowed_actions(user))
    assert {name for name, may in actions.items() if may} == allowed


def test_a_leader_who_entered_a_case_may_neither_approve_nor_reject_it(staff):
    both = make_user(Role.STAFF, "both")
    both.groups.add(make_user(Role.LEADER, "tmp-leader").groups.get())
    case = make_case(entered_by=both, status="submitted", submitted_by=both)
    actions = case.allowed_actions(both)
    assert (actions.can_approve, actions.can_reject, actions.own_case) == (False, False, True)


def test_allowed_actions_use_the_touched_annotation_without_a_query(
        staff, leader, django_assert_num_queries):
    make_case(entered_by=staff, status="submitted", submitted_by=staff)
    case = AidCase.objects.with_touched_by(leader).get()
    has_role(leader, Role.LEADER)  # the roles are read once per request, not once per case
    with django_assert_num_queries(0):
        assert case.allowed_actions(leader).can_approve
