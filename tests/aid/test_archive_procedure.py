"""The archive procedure's services: states and who may move them (four eyes on approval),
notices and objections, relapse with a new spell, the yearly review's outcomes, and aid refused
to archives not active (the case form, the campaign batch page, the model's rule)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from aid import archive_selectors, archive_services, services
from aid.models import (
    AidCase,
    ArchiveSettings,
    ArchiveSpell,
    HardshipWorker,
    HouseholdMember,
    ReviewOutcome,
    per_person_monthly,
    suggest_level,
)
from core.todos import Todo
from tests.support.factories import make_campaign, make_user, make_worker

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
State = HardshipWorker.State


def noticed(worker: HardshipWorker, staff, *, ends_on: date | None = None) -> None:
    """Survey and a seven-day notice that ended yesterday (or on `ends_on`)."""
    ends_on = ends_on or TODAY - timedelta(days=1)
    archive_services.survey_record(worker_id=worker.pk, by=staff, surveyed_on=ends_on - timedelta(
        days=10), surveyors="张工作", findings="属实")
    archive_services.notice_start(worker_id=worker.pk, by=staff, starts_on=ends_on - timedelta(
        days=6), ends_on=ends_on, place="公示栏")


def draft(**fields) -> HardshipWorker:
    return make_worker(active=False, registered_on=TODAY - timedelta(days=30), **fields)


# --- income ----------------------------------------------------------------------------------

def test_the_income_per_person_is_computed_from_every_income_and_the_household():
    worker = draft(own_monthly_income=Decimal(900), other_annual_income=Decimal(2400),
                   household_size=4)
    HouseholdMember.objects.create(worker=worker, name="王建国", relation="spouse",
                                   monthly_income=Decimal(300))
    worker.members_monthly_income = Decimal(300)
    worker.save()
    # (900 + 300) × 12 + 2400 = 16800 a year; / 12 / 4 = 350
    assert worker.household_annual_income == Decimal(16800)
    assert worker.income_per_capita == Decimal(350)


def test_the_income_per_person_rounds_to_the_fen():
    assert per_person_monthly(Decimal(1000), 3) == Decimal("27.78")
    assert per_person_monthly(Decimal(0), 1) == Decimal(0)


def test_the_suggested_category_follows_the_line():
    assert suggest_level(Decimal(300), Decimal(300), "illness") == "extreme"
    assert suggest_level(Decimal(301), Decimal(300), "accident") == "accident"
    assert suggest_level(Decimal(301), Decimal(300), "illness") == "relative"
    assert suggest_level(Decimal(301), None, "illness") == ""


# --- states and four eyes --------------------------------------------------------------------

def test_the_procedure_moves_draft_surveyed_in_notice_active(staff, leader):
    worker = draft()
    archive_services.survey_record(worker_id=worker.pk, by=staff, surveyed_on=TODAY - timedelta(
        days=12), surveyors="张工作", findings="属实")
    assert HardshipWorker.objects.get(pk=worker.pk).state == State.SURVEYED
    archive_services.notice_start(worker_id=worker.pk, by=staff,
                                  starts_on=TODAY - timedelta(days=8),
                                  ends_on=TODAY - timedelta(days=1), place="公示栏")
    assert HardshipWorker.objects.get(pk=worker.pk).state == State.IN_NOTICE
    spell = archive_services.archive_approve(worker_id=worker.pk, by=leader)
    worker.refresh_from_db()
    assert worker.state == State.ACTIVE
    assert (spell.started_on, spell.relapse, spell.approved_by) == (TODAY, False, leader)


def test_a_notice_cannot_skip_the_survey(staff):
    worker = draft()
    with pytest.raises(ValidationError):
        archive_services.notice_start(worker_id=worker.pk, by=staff, starts_on=TODAY,
                                      ends_on=TODAY + timedelta(days=7), place="公示栏")


def test_a_notice_runs_at_least_the_county_days(staff):
    ArchiveSettings.objects.create(notice_days=10)
    worker = draft()
    archive_services.survey_record(worker_id=worker.pk, by=staff, surveyed_on=TODAY,
                                   surveyors="张工作", findings="属实")
    with pytest.raises(ValidationError) as refused:
        archive_services.notice_start(worker_id=worker.pk, by=staff, starts_on=TODAY,
                                      ends_on=TODAY + timedelta(days=8), place="公示栏")
    assert "ends_on" in refused.value.message_dict


def test_staff_cannot_approve(staff, leader):
    worker = draft()
    noticed(worker, make_user("staff", "staff2"))
    with pytest.raises(PermissionDenied):
        archive_services.archive_approve(worker_id=worker.pk, by=staff)


def test_a_leader_who_prepared_the_archive_cannot_approve_it(leader):
    from accounts.roles import Role
    both = make_user(Role.LEADER, "both")
    both.groups.add(*make_user(Role.STAFF, "tmp").groups.all())
    worker = draft()
    noticed(worker, both)
    with pytest.raises(PermissionDenied):
        archive_services.archive_approve(worker_id=worker.pk, by=both)
    assert archive_services.archive_approve(worker_id=worker.pk, by=leader).approved_by == leader


def test_the_database_refuses_a_spell_approved_by_its_preparer(leader):
    worker = draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArchiveSpell.objects.create(worker=worker, started_on=TODAY, prepared_by=leader,
                                    approved_by=leader)


def test_a_notice_is_not_approved_before_its_end(staff, leader):
    worker = draft()
    noticed(worker, staff, ends_on=TODAY)
    with pytest.raises(ValidationError):
        archive_services.archive_approve(worker_id=worker.pk, by=leader)


def test_an_unresolved_objection_blocks_approval_until_resolved(staff, leader):
    worker = draft()
    noticed(worker, staff)
    notice = worker.notices.get()
    objection = archive_services.objection_record(
        notice_id=notice.pk, by=staff, raised_on=notice.starts_on, content="有经营收入")
    with pytest.raises(ValidationError):
        archive_services.archive_approve(worker_id=worker.pk, by=leader)
    archive_services.objection_resolve(objection_id=objection.pk, by=staff,
                                       resolution="经核实已关停", resolved_on=notice.ends_on)
    archive_services.archive_approve(worker_id=worker.pk, by=leader)
    assert HardshipWorker.objects.get(pk=worker.pk).state == State.ACTIVE


# --- aid only to active archives -------------------------------------------------------------

def test_a_case_for_a_draft_archive_is_refused(staff):
    worker = draft()
    with pytest.raises(ValidationError) as refused:
        services.case_create(by=staff, worker=worker, kind=AidCase.Kind.LIVING,
                             amount=Decimal(1000), granted_on=TODAY)
    assert "worker" in refused.value.message_dict


def test_a_case_before_activation_is_refused(staff):
    worker = make_worker(registered_on=date(2012, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.case_create(by=staff, worker=worker, kind=AidCase.Kind.LIVING,
                             amount=Decimal(1000), granted_on=date(2012, 2, 28))
    assert "granted_on" in refused.value.message_dict
    services.case_create(by=staff, worker=worker, kind=AidCase.Kind.LIVING,
                         amount=Decimal(1000), granted_on=date(2012, 3, 1))


def test_the_case_form_refuses_a_draft_archive_with_a_message(client, staff):
    worker = draft()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), {
        "worker": worker.pk, "kind": "living", "method": "home", "amount": "1000",
        "granted_on": TODAY.isoformat(),
        "submission_token": "7f9c5a8e-5a2b-4a0e-9a51-3c1d2b1e0f11"})
    assert response.status_code == 200
    assert "尚未生效" in " ".join(response.context["form"].errors["worker"])


def test_the_batch_page_offers_only_active_archives_and_refuses_others(client, staff):
    campaign = make_campaign()
    active = make_worker(name="在档")
    waiting = draft(name="草稿")
    client.force_login(staff)
    url = reverse("aid:campaign-batch", args=[campaign.pk])
    listed = [w.name for w in client.get(url).context["workers"]]
    assert listed == ["在档"]
    response = client.post(url, {"granted_on": "2012-01-10", "amount": "500", "method": "home",
                                 "submit_now": "on", "workers": [active.pk, waiting.pk]})
    assert response.status_code == 200
    assert not AidCase.objects.exists()


# --- spells, relapse and the review ----------------------------------------------------------

def test_leaving_and_relapse_keep_the_old_spell(staff, leader):
    worker = make_worker(registered_on=date(2010, 1, 1))
    review = archive_services.round_open(year=2011, by=staff)
    archive_services.outcome_record(review=review, worker=worker, by=staff,
                                    decision=ReviewOutcome.Decision.EXIT,
                                    exit_reason="employment", surveyed_on=date(2011, 3, 1))
    archive_services.round_approve(review_id=review.pk, by=leader, on=date(2011, 4, 1))
    worker.refresh_from_db()
    assert (worker.state, worker.exited_on) == (State.EXITED, date(2011, 4, 1))
    other = make_user("staff", "staff2")
    noticed(worker, other)
    spell = archive_services.archive_approve(worker_id=worker.pk, by=leader)
    spells = list(worker.spells.order_by("started_on").values_list(
        "started_on", "ended_on", "end_reason", "relapse"))
    assert spells == [(date(2010, 1, 1), date(2011, 4, 1), "employment", False),
                      (TODAY, None, "", True)]
    assert spell.relapse
    worker.refresh_from_db()
    assert (worker.state, worker.exited_on) == (State.ACTIVE, None)


def test_a_review_changes_the_category_only_when_approved(staff, leader):
    worker = make_worker()
    review = archive_services.round_open(year=2012, by=staff)
    archive_services.outcome_record(review=review, worker=worker, by=staff,
                                    decision=ReviewOutcome.Decision.CHANGE,
                                    new_level="relative", surveyed_on=date(2012, 3, 1))
    assert HardshipWorker.objects.get(pk=worker.pk).hardship_level == "extreme"
    archive_services.round_approve(review_id=review.pk, by=leader)
    assert HardshipWorker.objects.get(pk=worker.pk).hardship_level == "relative"
    with pytest.raises(ValidationError):
        archive_services.outcome_record(review=review, worker=worker, by=staff,
                                        decision="continue", surveyed_on=date(2012, 3, 2))


def test_a_leader_who_recorded_an_outcome_does_not_approve_the_round(staff, leader):
    worker = make_worker()
    review = archive_services.round_open(year=2012, by=staff)
    archive_services.outcome_record(review=review, worker=worker, by=staff, decision="continue",
                                    surveyed_on=date(2012, 3, 1))
    leader_who_recorded = make_user("leader", "leader2")
    review.outcomes.update(recorded_by=leader_who_recorded)
    with pytest.raises(PermissionDenied):
        archive_services.round_approve(review_id=review.pk, by=leader_who_recorded)
    with pytest.raises(PermissionDenied):
        archive_services.round_approve(review_id=review.pk, by=staff)


def test_an_exit_needs_a_reason(staff):
    worker = make_worker()
    review = archive_services.round_open(year=2012, by=staff)
    with pytest.raises(ValidationError):
        archive_services.outcome_record(review=review, worker=worker, by=staff, decision="exit",
                                        surveyed_on=date(2012, 3, 1))


def test_the_todos_name_notices_ending_and_archives_awaiting_approval(staff, leader):
    noticed(draft(), staff)
    staff_todos = archive_selectors.archive_todos(staff)
    leader_todos = archive_selectors.archive_todos(leader)
    assert all(isinstance(todo, Todo) for todo in staff_todos + leader_todos)
    assert [todo.count for todo in staff_todos] == [1]
    assert [todo.count for todo in leader_todos] == [1]
