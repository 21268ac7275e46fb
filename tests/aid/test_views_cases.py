from datetime import date
from decimal import Decimal
from io import BytesIO
from uuid import uuid4

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from aid import services
from aid.models import AidCase, AidKindCap
from core.locking import STALE_MESSAGE
from tests.support.factories import (
    make_campaign,
    make_case,
    make_union,
    make_user,
    make_worker,
    valid_id,
)

pytestmark = pytest.mark.django_db


def case_post(worker, **overrides):
    data = {"worker": worker.pk, "kind": "living", "method": "home", "campaign": "",
            "amount": "2000", "granted_on": "2012-03-01", "notes": "",
            "submission_token": str(uuid4()), "_save": ""}
    data.update(overrides)
    return data


def leader_and_staff():
    both = make_user(Role.STAFF, "both")
    both.groups.add(make_user(Role.LEADER, "tmp-leader").groups.get())
    return both


# --- entering cases ------------------------------------------------------------------------

def test_staff_enters_a_draft(client, staff):
    worker = make_worker()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), case_post(worker))
    case = AidCase.objects.get()
    assert response.url == case.get_absolute_url()
    assert (case.status, case.entered_by, case.amount) == ("draft", staff, Decimal(2000))


def test_staff_can_submit_at_once(client, staff):
    client.force_login(staff)
    client.post(reverse("aid:case-create"), case_post(make_worker(), submit_now="on"))
    case = AidCase.objects.get()
    assert case.status == "submitted"
    assert case.submitted_by == staff


def test_the_same_form_sent_twice_creates_one_case(client, staff):
    client.force_login(staff)
    data = case_post(make_worker())
    client.post(reverse("aid:case-create"), data)
    client.post(reverse("aid:case-create"), data)
    assert AidCase.objects.count() == 1


def test_save_and_add_another_keeps_kind_campaign_date_and_amount(client, staff):
    campaign = make_campaign()
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), case_post(
        make_worker(), kind="visit", campaign=campaign.pk, amount="500",
        granted_on="2012-01-10", _addanother=""))
    assert response.url.startswith(reverse("aid:case-create") + "?")
    form = client.get(response.url).context["form"]
    assert form["kind"].value() == "visit"
    assert str(form["campaign"].value()) == str(campaign.pk)
    assert form["amount"].value() == "500"
    assert str(form["granted_on"].value()) == "2012-01-10"
    assert not form["worker"].value()


def test_the_campaign_standard_amount_is_filled_in(client, staff):
    campaign = make_campaign(standard_amount=Decimal(500))
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"), {"campaign": campaign.pk})
    assert response.context["form"]["amount"].value() == Decimal(500)
    assert 'data-standard-amount="500.00"' in response.content.decode()


def test_the_case_form_loads_its_script(client, staff):
    client.force_login(staff)
    content = client.get(reverse("aid:case-create")).content.decode()
    assert "aid/case_form.js" in content
    assert reverse("aid:worker-search") in content
    assert "<script>" not in content
    assert 'style="' not in content


def test_a_worker_chosen_beforehand_is_shown(client, staff):
    worker = make_worker(name="孙秀云")
    client.force_login(staff)
    response = client.get(reverse("aid:case-create"), {"worker": worker.pk})
    assert "孙秀云" in response.content.decode()
    assert worker.id_number not in response.content.decode()


def test_second_visit_in_a_campaign_is_refused_with_a_link_to_the_first(client, staff):
    campaign = make_campaign()
    worker = make_worker()
    first = make_case(entered_by=staff, worker=worker, kind="visit", amount=Decimal(500),
                      campaign=campaign, granted_on=date(2012, 1, 5))
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), case_post(
        worker, kind="visit", amount="500", campaign=campaign.pk, granted_on="2012-01-10"))
    assert response.status_code == 200
    assert AidCase.objects.count() == 1
    assert response.context["first_visit"] == first
    assert first.get_absolute_url() in response.content.decode()


def test_amount_above_the_cap_is_refused(client, staff):
    AidKindCap.objects.update_or_create(kind="medical", defaults={"max_amount": Decimal(8000)})
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_post(make_worker(), kind="medical", amount="8000.50"))
    assert "amount" in response.context["form"].errors
    assert not AidCase.objects.exists()


@pytest.mark.parametrize("amount", ["100.005", "0", "-3", "abc"])
def test_bad_amounts_are_refused(client, staff, amount):
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"), case_post(make_worker(), amount=amount))
    assert "amount" in response.context["form"].errors
    assert not AidCase.objects.exists()


def test_a_future_date_is_refused(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:case-create"),
                           case_post(make_worker(), granted_on="2999-01-01"))
    assert "granted_on" in response.context["form"].errors


def test_a_case_needs_a_worker(client, staff):
    client.force_login(staff)
    data = {**case_post(make_worker()), "worker": ""}
    response = client.post(reverse("aid:case-create"), data)
    assert "worker" in response.context["form"].errors


# --- editing -------------------------------------------------------------------------------

def test_stale_case_edit_is_refused(client, staff, admin_user):
    case = make_case(entered_by=staff, amount=Decimal(1000))
    client.force_login(staff)
    version = client.get(reverse("aid:case-update", args=[case.pk])).context["form"][
        "version"].value()
    client.force_login(admin_user)
    client.post(reverse("aid:case-update", args=[case.pk]),
                case_post(case.worker, amount="1200", version=version))
    client.force_login(staff)
    response = client.post(reverse("aid:case-update", args=[case.pk]),
                           case_post(case.worker, amount="1500", version=version))
    assert str(STALE_MESSAGE) in response.context["form"].non_field_errors()
    case.refresh_from_db()
    assert case.amount == Decimal(1200)


def test_an_edit_opened_before_submission_is_refused(client, staff):
    case = make_case(entered_by=staff, amount=Decimal(1000))
    client.force_login(staff)
    version = client.get(reverse("aid:case-update", args=[case.pk])).context["form"][
        "version"].value()
    client.post(reverse("aid:case-submit", args=[case.pk]))
    response = client.post(reverse("aid:case-update", args=[case.pk]),
                           case_post(case.worker, amount="9", version=version))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.amount) == ("submitted", Decimal(1000))


@pytest.mark.parametrize("status", ["submitted", "rejected"])
def test_only_drafts_can_be_edited(client, staff, leader, status):
    case = make_case(entered_by=staff, status=status, submitted_by=staff,
                     rejected_by=leader if status == "rejected" else None,
                     rejection_reason="不符合" if status == "rejected" else "")
    client.force_login(staff)
    response = client.get(reverse("aid:case-update", args=[case.pk]))
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()


# --- the workflow through the pages --------------------------------------------------------

def test_leader_cannot_approve_own_case(client):
    both = leader_and_staff()
    case = make_case(entered_by=both, status="submitted", submitted_by=both)
    client.force_login(both)
    response = client.post(reverse("aid:case-approve", args=[case.pk]))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "submitted"


def test_approving_from_the_queue_returns_to_the_queue(client, staff, leader):
    case = make_case(entered_by=staff, status="submitted", submitted_by=staff)
    client.force_login(leader)
    queue = reverse("aid:case-queue")
    response = client.post(reverse("aid:case-approve", args=[case.pk]), {"next": queue})
    assert response.url == queue
    case.refresh_from_db()
    assert case.status == "approved"
    assert case.approved_by == leader


def test_next_outside_the_site_is_ignored(client, staff, leader):
    case = make_case(entered_by=staff, status="submitted", submitted_by=staff)
    client.force_login(leader)
    response = client.post(reverse("aid:case-approve", args=[case.pk]),
                           {"next": "https://evil.example/"})
    assert response.url == case.get_absolute_url()


def test_approving_twice_says_why_and_changes_nothing(client, staff, leader):
    case = make_case(entered_by=staff, status="approved", submitted_by=staff,
                     approved_by=leader)
    other = make_user(Role.LEADER, "second-leader")
    client.force_login(other)
    response = client.post(reverse("aid:case-approve", args=[case.pk]), follow=True)
    assert any(m.level_tag == "error" for m in response.context["messages"])
    case.refresh_from_db()
    assert case.approved_by == leader


def test_rejecting_needs_a_reason(client, staff, leader):
    case = make_case(entered_by=staff, status="submitted", submitted_by=staff)
    client.force_login(leader)
    client.post(reverse("aid:case-reject", args=[case.pk]), {"reason": " "})
    case.refresh_from_db()
    assert case.status == "submitted"
    client.post(reverse("aid:case-reject", args=[case.pk]), {"reason": "家庭收入超标"})
    case.refresh_from_db()
    assert (case.status, case.rejection_reason) == ("rejected", "家庭收入超标")


def test_the_case_page_offers_only_the_steps_the_user_may_take(client, staff, leader):
    case = make_case(entered_by=staff, status="submitted", submitted_by=staff)
    client.force_login(staff)
    content = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="approve-case"' not in content
    client.force_login(leader)
    content = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="approve-case"' in content
    assert 'data-testid="reject-case"' in content


def test_the_case_page_shows_the_audit_trail(client, staff, leader):
    client.force_login(staff)
    client.post(reverse("aid:case-create"), case_post(make_worker()))
    case = AidCase.objects.get()
    client.post(reverse("aid:case-submit", args=[case.pk]))
    client.force_login(leader)
    client.post(reverse("aid:case-approve", args=[case.pk]))
    history = client.get(case.get_absolute_url()).context["history"]
    assert [entry.who for entry in history] == [leader.display_name, staff.display_name,
                                                staff.display_name]


def test_queue_lists_submitted_cases_and_own_cases_cannot_be_decided_there(client, staff):
    both = leader_and_staff()
    theirs = make_case(entered_by=staff, status="submitted", submitted_by=staff)
    own = make_case(entered_by=both, status="submitted", submitted_by=both)
    submitted_by_them = make_case(entered_by=staff)
    services.case_submit(case_id=submitted_by_them.pk, by=both)
    make_case(entered_by=staff)  # a draft is not in the queue
    client.force_login(both)
    response = client.get(reverse("aid:case-queue"))
    assert set(response.context["cases"]) == {theirs, own, submitted_by_them}
    content = response.content.decode()

    def row(case):
        return content.split(f'data-case="{case.pk}"')[1].split("</tr>")[0]

    assert 'data-testid="approve-case"' in row(theirs)
    assert 'data-testid="approve-case"' not in row(own)
    assert 'data-testid="approve-case"' not in row(submitted_by_them)
    assert 'data-testid="reject-case"' not in row(own)
    assert 'data-testid="own-case"' in row(own)


# --- lists, totals, export -----------------------------------------------------------------

@pytest.fixture
def mixed_cases(staff, leader):
    campaign = make_campaign()
    union = make_union(name="林业局工会")
    w1, w2 = make_worker(union=union, name="甲"), make_worker(name="乙")
    counted = {"status": "paid", "submitted_by": staff, "approved_by": leader,
               "paid_by": leader}
    return {
        "visit": make_case(entered_by=staff, worker=w1, kind="visit", amount=Decimal(500),
                           campaign=campaign, granted_on=date(2012, 1, 10), **counted),
        "living": make_case(entered_by=staff, worker=w1, kind="living", amount=Decimal(2000),
                            granted_on=date(2012, 3, 1), **counted),
        "medical": make_case(entered_by=staff, worker=w2, kind="medical",
                             amount=Decimal(6000), granted_on=date(2012, 5, 1), **counted),
        "draft": make_case(entered_by=staff, worker=w2, kind="education",
                           amount=Decimal(1000), granted_on=date(2012, 6, 1)),
        "old": make_case(entered_by=staff, worker=w2, kind="living", amount=Decimal(3000),
                         granted_on=date(2011, 6, 1), **counted),
        "campaign": campaign, "union": union,
    }


@pytest.mark.parametrize(("params", "expected", "people", "money"), [
    ({"kind": "relief", "status": "counted", "start": "2012-01-01", "end": "2012-06-30"},
     ["medical", "living"], 2, 8000),
    ({"kind": "visit"}, ["visit"], 1, 500),
    ({"status": "pending"}, ["draft"], 1, 1000),
    ({"status": "draft"}, ["draft"], 1, 1000),
    ({"end": "2011-12-31"}, ["old"], 1, 3000),
    ({"union": "union"}, ["living", "visit"], 1, 2500),
    ({"campaign": "campaign"}, ["visit"], 1, 500),
    ({"q": "乙"}, ["draft", "medical", "old"], 1, 10000),
])
def test_case_list_filters_and_totals(client, staff, mixed_cases, params, expected, people,
                                      money):
    params = {k: (mixed_cases[v].pk if v in ("union", "campaign") else v)
              for k, v in params.items()}
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"), params)
    assert list(response.context["cases"]) == [mixed_cases[name] for name in expected]
    assert response.context["totals"]["workers"] == people
    assert response.context["totals"]["money"] == Decimal(money)


def test_case_list_with_a_bad_filter_shows_nothing_and_says_why(client, staff, mixed_cases):
    client.force_login(staff)
    response = client.get(reverse("aid:case-list"), {"kind": "lottery"})
    assert list(response.context["cases"]) == []
    assert response.context["filter"].form.errors


def test_case_list_masks_id_numbers(client, staff):
    case = make_case(entered_by=staff, worker=make_worker(id_number=valid_id("23072219800101001")))
    client.force_login(staff)
    # Every date: the case is of 2012, the list lands on the current half-year.
    content = client.get(reverse("aid:case-list"), {"start": "", "end": ""}).content.decode()
    assert case.worker.masked_id_number in content
    assert case.worker.id_number not in content


def test_case_list_paginates_with_a_fixed_query_count(client, staff, leader,
                                                      django_assert_max_num_queries):
    union = make_union()
    workers = [make_worker(union=union) for _ in range(30)]
    AidCase.objects.bulk_create(
        AidCase(worker=workers[n % 30], kind="living", amount=Decimal(100),
                granted_on=date(2012, 2, 1 + n % 28), entered_by=staff) for n in range(120))
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("aid:case-list"), {"page": 2, "sort": "amount"})
    assert len(response.context["cases"]) == 50
    assert response.context["totals"] == {"count": 120, "workers": 30,
                                          "money": Decimal(12000)}


def test_export_masks_ids_follows_the_filters_and_totals(client, staff, mixed_cases):
    client.force_login(staff)
    response = client.get(reverse("aid:case-export"), {"kind": "relief", "status": "counted",
                                                       "start": "2012-01-01"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    body, totals = rows[1:-1], rows[-1]
    assert [row[0] for row in body] == [mixed_cases["living"].pk, mixed_cases["medical"].pk]
    worker = mixed_cases["living"].worker
    cells = [str(cell) for row in rows for cell in row if cell is not None]
    assert worker.masked_id_number in cells
    assert not any(worker.id_number in cell for cell in cells)
    assert totals[7] == 8000


def test_export_neutralises_formulas_in_notes(client, staff):
    make_case(entered_by=staff, notes="=HYPERLINK(\"http://x\")")
    client.force_login(staff)
    sheet = load_workbook(BytesIO(client.get(reverse("aid:case-export")).content)).active
    notes = next(row[12] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert notes.startswith("'=")


def test_queue_query_count_is_fixed(client, staff, leader, django_assert_max_num_queries):
    union = make_union()
    workers = [make_worker(union=union) for _ in range(20)]
    AidCase.objects.bulk_create(
        AidCase(worker=workers[n % 20], kind="living", amount=Decimal(100),
                granted_on=date(2012, 2, 1 + n % 28), entered_by=staff, status=status,
                submitted_by=staff, approved_by=leader if status == "approved" else None)
        for n in range(60) for status in ("submitted", "approved"))
    client.force_login(leader)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("aid:case-queue"))
    assert len(response.context["cases"]) == 50
    assert response.context["to_pay_count"] == 60


def test_the_awaiting_payment_table_shows_the_date_granted(client, staff, leader):
    make_case(entered_by=staff, status=AidCase.Status.APPROVED, submitted_by=staff,
              approved_by=leader, granted_on=date(2012, 3, 9))
    client.force_login(leader)
    page = client.get(reverse("aid:case-queue")).content.decode()
    assert 'data-testid="to-pay-date">2012-03-09<' in page
