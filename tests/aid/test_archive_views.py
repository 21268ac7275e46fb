"""The archive pages: the form with its member table, the archive page, the steps posted from it,
the review round pages and the list's filters."""

from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import reverse
from django.utils import timezone

from aid.models import ArchiveSpell, HardshipWorker, LivingStandard, ReviewRound
from tests.support.factories import (
    ARCHIVE_FORM,
    make_union,
    make_user,
    make_worker,
    valid_id,
)

pytestmark = pytest.mark.django_db

ID = valid_id("23072219650412002")
MEMBER_ID = valid_id("23072219900101003")


def archive_post(union, **overrides):
    data = {"name": "刘桂芝", "id_number": ID, "union": union.pk, "employment_status": "laid_off",
            "hardship_level": "extreme", "main_cause": "illness",
            "secondary_causes": ["schooling"], "household_size": 3, **ARCHIVE_FORM,
            "own_monthly_income": "600", "other_annual_income": "1200",
            "registered_on": "2011-05-04", "submission_token": str(uuid4()),
            "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "30",
            "members-0-name": "王建国", "members-0-relation": "spouse",
            "members-0-id_number": MEMBER_ID, "members-0-health": "cancer",
            "members-0-occupation": "无业", "members-0-monthly_income": "0",
            "members-1-name": "王小明", "members-1-relation": "child", "members-1-health": "good",
            "members-1-occupation": "县一中", "members-1-monthly_income": "0",
            **overrides}
    return data


def test_staff_registers_a_household_with_members_and_the_income_is_computed(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), archive_post(make_union()))
    assert response.status_code == 302
    worker = HardshipWorker.objects.get()
    assert worker.state == HardshipWorker.State.DRAFT
    assert worker.members.count() == 2
    # (600 × 12 + 1200) / 12 / 3 = 233.33
    assert worker.household_annual_income == Decimal(8400)
    assert worker.income_per_capita == Decimal("233.33")
    page = client.get(worker.get_absolute_url()).content.decode()
    assert "233.33" in page
    assert 'data-state="draft"' in page


def test_a_member_with_a_wrong_id_number_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), archive_post(
        make_union(), **{"members-0-id_number": "230722199001010000"}))
    assert response.status_code == 200
    assert not HardshipWorker.objects.exists()


def test_the_household_is_at_least_the_worker_and_the_members(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"),
                           archive_post(make_union(), household_size="2"))
    assert response.status_code == 200
    assert "household_size" in response.context["form"].errors


def test_an_income_above_the_line_needs_a_reason(client, staff):
    LivingStandard.objects.create(year=2011, monthly_amount=Decimal(200))
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), archive_post(make_union()))
    assert response.status_code == 200
    assert "above_line_reason" in response.context["form"].errors
    response = client.post(reverse("aid:worker-create"), archive_post(
        make_union(), above_line_reason="支出型困难：医疗支出大"))
    assert response.status_code == 302


def test_more_than_three_secondary_causes_are_refused(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), archive_post(
        make_union(), secondary_causes=["schooling", "disability", "accident", "low_income"]))
    assert "secondary_causes" in response.context["form"].errors


def test_the_procedure_through_the_pages(client, staff, leader):
    worker = make_worker(active=False, registered_on=date(2011, 1, 1))
    client.force_login(staff)
    page = reverse("aid:worker-detail", args=[worker.pk])
    assert 'data-testid="survey-form"' in client.get(page).content.decode()
    client.post(reverse("aid:archive-survey", args=[worker.pk]), {
        "survey-surveyed_on": "2011-01-05", "survey-surveyors": "张工作",
        "survey-findings": "属实"})
    client.post(reverse("aid:archive-notice", args=[worker.pk]), {
        "notice-starts_on": "2011-01-06", "notice-ends_on": "2011-01-12",
        "notice-place": "单位公示栏"})
    worker.refresh_from_db()
    assert worker.state == HardshipWorker.State.IN_NOTICE
    client.force_login(leader)
    assert 'data-testid="approve-archive"' in client.get(page).content.decode()
    client.post(reverse("aid:archive-approve", args=[worker.pk]))
    worker.refresh_from_db()
    assert worker.state == HardshipWorker.State.ACTIVE
    assert worker.spells.get().started_on == timezone.localdate()


def test_a_short_notice_is_refused_with_a_message(client, staff):
    worker = make_worker(active=False)
    client.force_login(staff)
    client.post(reverse("aid:archive-survey", args=[worker.pk]), {
        "survey-surveyed_on": "2011-01-05", "survey-surveyors": "张工作",
        "survey-findings": "属实"})
    response = client.post(reverse("aid:archive-notice", args=[worker.pk]), {
        "notice-starts_on": "2011-01-06", "notice-ends_on": "2011-01-08",
        "notice-place": "单位公示栏"}, follow=True)
    worker.refresh_from_db()
    assert worker.state == HardshipWorker.State.SURVEYED
    assert "7" in " ".join(str(m) for m in response.context["messages"])


def test_the_list_filters_by_state_and_category(client, staff):
    make_worker(name="在档职工")
    make_worker(name="草稿职工", active=False)
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"), {"state": "draft"})
    assert [w.name for w in response.context["workers"]] == ["草稿职工"]
    response = client.get(reverse("aid:worker-list"), {"level": "relative"})
    assert list(response.context["workers"]) == []


def test_the_overdue_list_lists_archives_not_reviewed_for_a_year(client, staff):
    make_worker(name="久未复核", registered_on=date(2009, 1, 1))
    make_worker(name="新近建档", registered_on=timezone.localdate() - timedelta(days=30))
    client.force_login(staff)
    response = client.get(reverse("aid:worker-list"))
    response = client.get(response.context["overdue_url"])
    assert [w.name for w in response.context["workers"]] == ["久未复核"]


def test_review_round_pages_record_and_approve(client, staff, leader):
    worker = make_worker(registered_on=date(2009, 1, 1))
    client.force_login(staff)
    response = client.post(reverse("aid:review-open"), {"year": "2012"})
    review = ReviewRound.objects.get()
    assert response.url == reverse("aid:review-detail", args=[review.pk])
    client.post(reverse("aid:review-outcome", args=[review.pk]), {
        "worker": worker.pk, "decision": "exit", "exit_reason": "income",
        "surveyed_on": "2012-03-01"})
    assert review.outcomes.count() == 1
    client.force_login(leader)
    client.post(reverse("aid:review-approve", args=[review.pk]))
    worker.refresh_from_db()
    assert worker.state == HardshipWorker.State.EXITED
    assert ArchiveSpell.objects.get(worker=worker).end_reason == "income"


def test_the_pages_open_for_every_role(client, staff, leader):
    worker = make_worker()
    ReviewRound.objects.create(year=2012, opened_by=staff)
    for user in (staff, leader, make_user("admin", "admin2")):
        client.force_login(user)
        for url in (worker.get_absolute_url(), reverse("aid:worker-update", args=[worker.pk]),
                    reverse("aid:review-list"),
                    reverse("aid:review-detail", args=[ReviewRound.objects.get().pk])):
            response = client.get(url)
            assert response.status_code in (200, 403), url


def test_the_archive_page_shows_the_income_against_the_line_and_the_suggested_category(
        client, staff):
    LivingStandard.objects.create(year=2011, monthly_amount=Decimal(300))
    client.force_login(staff)
    client.post(reverse("aid:worker-create"), archive_post(make_union(),
                                                           hardship_level="relative"))
    worker = HardshipWorker.objects.get()
    response = client.get(worker.get_absolute_url())
    panel = response.context["archive"]
    assert (panel.line.monthly_amount, panel.above_line) == (Decimal(300), False)
    assert panel.suggested_level == "extreme"
    page = response.content.decode()
    assert "300.00" in page.split('data-testid="living-line"')[1][:80]
