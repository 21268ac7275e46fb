"""Aid money: charging on approval (never overdrawn), batches paid in one step, failed lines,
bulk decisions reported per case, and the ledger's identity."""

import random
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from aid import funds_selectors, funds_services, services
from aid.models import (
    AidCase,
    FundAllocation,
    FundSource,
    KindFundSource,
    PaymentBatch,
    PaymentLine,
)
from tests.support.factories import make_campaign, make_case, make_user, make_worker

ACCOUNT = "6228480123456789012"


def make_source(name="2012年中央财政专项帮扶资金", amount=Decimal(10000), year=2012, **fields):
    source = FundSource.objects.create(name=name, kind=fields.pop("kind", "central"), **fields)
    if amount:
        FundAllocation.objects.create(source=source, year=year, amount=amount,
                                      received_on=date(year, 1, 5), document_number="黑工发5号")
    return source


def submitted(staff, amount=Decimal(2000), **fields):
    fields.setdefault("worker", make_worker(bank_name="农业银行", bank_account=ACCOUNT))
    return make_case(entered_by=staff, amount=amount, status=AidCase.Status.SUBMITTED,
                     submitted_by=staff, **fields)


def approved(staff, leader, source, amount=Decimal(2000), **fields):
    case = submitted(staff, amount, **fields)
    return services.case_approve(case_id=case.pk, by=leader, fund_source=source)


# --- charging -----------------------------------------------------------------------------

def test_approving_charges_the_chosen_source(staff, leader):
    source = make_source()
    case = approved(staff, leader, source)
    assert case.fund_source == source
    assert funds_selectors.balance(source, 2012) == Decimal(8000)


def test_a_source_is_never_overdrawn(staff, leader):
    source = make_source(amount=Decimal(3000))
    approved(staff, leader, source, Decimal(2000))
    case = submitted(staff, Decimal(1500))
    with pytest.raises(ValidationError, match="1,000"):
        services.case_approve(case_id=case.pk, by=leader, fund_source=source)
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED
    assert case.fund_source is None
    assert funds_selectors.balance(source, 2012) == Decimal(1000)


def test_another_years_allocation_does_not_pay_this_years_case(staff, leader):
    source = make_source(amount=Decimal(5000), year=2011)
    case = submitted(staff, Decimal(100))
    with pytest.raises(ValidationError):
        services.case_approve(case_id=case.pk, by=leader, fund_source=source)


def test_the_campaign_default_comes_before_the_kind_default(staff, leader):
    central, own = make_source(), make_source(name="本级工会经费", kind="own")
    KindFundSource.objects.create(kind=AidCase.Kind.VISIT, source=own)
    campaign = make_campaign(fund_source=central, starts_on=date(2011, 12, 20),
                             ends_on=date(2012, 1, 31))
    in_campaign = submitted(staff, Decimal(500), kind=AidCase.Kind.VISIT, campaign=campaign,
                            granted_on=date(2012, 1, 10))
    outside = submitted(staff, Decimal(500), kind=AidCase.Kind.VISIT)
    assert services.case_approve(case_id=in_campaign.pk, by=leader).fund_source == central
    assert services.case_approve(case_id=outside.pk, by=leader).fund_source == own


def test_once_sources_exist_a_case_needs_one(staff, leader):
    make_source()
    case = submitted(staff)
    with pytest.raises(ValidationError, match=r"fund source|资金来源"):
        services.case_approve(case_id=case.pk, by=leader)


def test_without_any_source_a_case_is_approved_uncharged(staff, leader):
    case = submitted(staff)
    assert services.case_approve(case_id=case.pk, by=leader).fund_source is None


def test_an_allocation_cannot_be_lowered_below_what_is_charged(staff, leader, admin_user):
    source = make_source(amount=Decimal(3000))
    approved(staff, leader, source, Decimal(2500))
    allocation = source.allocations.get()
    allocation.amount = Decimal(2000)
    with pytest.raises(ValidationError):
        funds_services.allocation_save(allocation=allocation, by=admin_user)
    allocation.refresh_from_db()
    assert allocation.amount == Decimal(3000)


# --- batches ------------------------------------------------------------------------------

@pytest.fixture
def second_leader(db):
    return make_user(Role.LEADER, "leader-two", full_name="赵副主席")


def test_a_batch_marked_paid_pays_every_line_with_its_date(staff, leader):
    source = make_source()
    cases = [approved(staff, leader, source, Decimal(1000 + n)) for n in range(3)]
    batch = funds_services.batch_create(by=staff, name="第一批", method="bank", cases=cases)
    funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 3, 9),
                                   note="银行回单 0309")
    batch.refresh_from_db()
    assert (batch.status, batch.paid_on, batch.paid_by) == ("paid", date(2012, 3, 9), leader)
    for case in cases:
        case.refresh_from_db()
        assert case.status == AidCase.Status.PAID
        assert case.paid_by == leader
        assert case.paid_at.astimezone().date() == date(2012, 3, 9)
    assert set(batch.lines.values_list("status", flat=True)) == {"paid"}
    ledger = funds_selectors.ledger(2012)[0]
    assert (ledger.committed, ledger.paid) == (Decimal(0), Decimal(3003))


def test_a_failed_line_returns_its_case_to_approved_with_the_reason(staff, leader):
    source = make_source()
    good, bad = approved(staff, leader, source), approved(staff, leader, source)
    batch = funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[good, bad])
    line = batch.lines.get(case=bad)
    funds_services.line_fail(line_id=line.pk, by=staff, reason="账号错误，户名不符")
    funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 3, 9))
    bad.refresh_from_db()
    good.refresh_from_db()
    line.refresh_from_db()
    assert (good.status, bad.status) == (AidCase.Status.PAID, AidCase.Status.APPROVED)
    assert (line.status, line.failure_reason) == ("failed", "账号错误，户名不符")
    assert bad in funds_selectors.payable()  # ready for the next batch
    again = funds_services.batch_create(by=staff, name="补发", method="cash", cases=[bad])
    assert again.lines.get().case == bad


def test_a_case_is_in_one_live_batch_only(staff, leader):
    case = approved(staff, leader, make_source())
    funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[case])
    with pytest.raises(ValidationError, match=str(case.pk)):
        funds_services.batch_create(by=staff, name="第二批", method="bank", cases=[case])


def test_a_bank_batch_names_the_workers_without_an_account(staff, leader):
    case = approved(staff, leader, make_source(), worker=make_worker(name="无卡人"))
    with pytest.raises(ValidationError, match="无卡人"):
        funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[case])
    assert funds_services.batch_create(by=staff, name="签领", method="cash", cases=[case])


def test_a_leader_cannot_mark_paid_a_batch_holding_their_own_case(staff, leader,
                                                                  second_leader):
    both = make_user(Role.STAFF, "both")
    both.groups.add(*leader.groups.all())
    source = make_source()
    theirs = approved(staff, leader, source)
    own = approved(both, second_leader, source)
    batch = funds_services.batch_create(by=staff, name="第一批", method="bank",
                                        cases=[theirs, own])
    with pytest.raises(PermissionDenied, match=str(own.pk)):
        funds_services.batch_mark_paid(batch_id=batch.pk, by=both, paid_on=date(2012, 3, 9))
    assert not AidCase.objects.filter(status=AidCase.Status.PAID).exists()
    funds_services.batch_mark_paid(batch_id=batch.pk, by=second_leader,
                                   paid_on=date(2012, 3, 9))
    assert AidCase.objects.filter(status=AidCase.Status.PAID).count() == 2


def test_staff_cannot_mark_a_batch_paid(staff, leader):
    case = approved(staff, leader, make_source())
    batch = funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[case])
    with pytest.raises(PermissionDenied):
        funds_services.batch_mark_paid(batch_id=batch.pk, by=staff, paid_on=date(2012, 3, 9))


def test_a_case_in_an_open_batch_is_not_marked_paid_on_its_own(staff, leader):
    case = approved(staff, leader, make_source())
    funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[case])
    with pytest.raises(services.TransitionError, match="第一批"):
        services.case_mark_paid(case_id=case.pk, by=leader)


def test_a_paid_batch_cannot_change(staff, leader):
    case = approved(staff, leader, make_source())
    batch = funds_services.batch_create(by=staff, name="第一批", method="bank", cases=[case])
    funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 3, 9))
    with pytest.raises(ValidationError):
        funds_services.line_fail(line_id=batch.lines.get().pk, by=staff, reason="错")
    with pytest.raises(ValidationError):
        funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 3, 9))


# --- bulk decisions ---------------------------------------------------------------------------

def test_bulk_approve_reports_each_case_and_never_approves_ones_own(staff, leader):
    both = make_user(Role.STAFF, "both")
    both.groups.add(*leader.groups.all())
    source = make_source(amount=Decimal(5000))
    theirs = [submitted(staff, Decimal(2000)) for _ in range(2)]
    own = submitted(both, Decimal(100))
    too_much = submitted(staff, Decimal(2000))  # the third 2,000 overdraws the 5,000
    outcomes = services.cases_approve(case_ids=[c.pk for c in (*theirs, own, too_much)],
                                      by=both, fund_source=source)
    by_case = {outcome.case_id: outcome for outcome in outcomes}
    assert [o.case_id for o in outcomes] == sorted(by_case)
    assert all(by_case[c.pk].done for c in theirs)
    assert not by_case[own.pk].done
    assert str(own.pk) in by_case[own.pk].message
    assert not by_case[too_much.pk].done
    own.refresh_from_db()
    too_much.refresh_from_db()
    assert own.status == too_much.status == AidCase.Status.SUBMITTED
    assert AidCase.objects.filter(status="approved", approved_by=both).count() == 2


def test_bulk_reject_gives_each_case_the_reason(staff, leader):
    cases = [submitted(staff) for _ in range(2)]
    outcomes = services.cases_reject(case_ids=[c.pk for c in cases], by=leader,
                                     reason="材料不全")
    assert all(o.done for o in outcomes)
    assert set(AidCase.objects.values_list("status", "rejection_reason")) == {
        ("rejected", "材料不全")}


# --- the ledger ---------------------------------------------------------------------------

def test_allocated_less_paid_less_committed_is_the_balance_on_generated_data(staff, leader):
    rng = random.Random(17)
    sources = [make_source(name=f"来源{n}", amount=Decimal(rng.randint(5, 20) * 1000))
               for n in range(3)]
    for source in sources:
        FundAllocation.objects.create(source=source, year=2012, amount=Decimal("1234.56"),
                                      received_on=date(2012, 6, 1))
    batches_cases = []
    for _ in range(25):
        source = rng.choice(sources)
        case = submitted(staff, Decimal(rng.randint(1, 300) * 10),
                         granted_on=date(2012, rng.randint(1, 12), rng.randint(1, 28)))
        try:
            case = services.case_approve(case_id=case.pk, by=leader, fund_source=source)
        except ValidationError:
            continue
        if rng.random() < 0.6:
            batches_cases.append(case)
    batch = funds_services.batch_create(by=staff, name="批", method="cash", cases=batches_cases)
    funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 12, 30))
    for row in funds_selectors.ledger(2012):
        charged = AidCase.objects.filter(fund_source=row.source)
        assert row.allocated - row.paid - row.committed == row.balance \
            == funds_selectors.balance(row.source, 2012)
        assert row.paid == sum(c.amount for c in charged.filter(status="paid"))
        assert row.committed == sum(c.amount for c in charged.filter(status="approved"))
        assert row.balance >= 0
        year = funds_selectors.statement(row.source, date(2012, 1, 1), date(2012, 12, 31))
        assert (year.received, year.committed, year.paid) == (row.allocated, row.committed,
                                                               row.paid)
        assert year.opening == 0
        assert year.closing == row.balance
    assert PaymentLine.objects.filter(status="paid").count() == len(batches_cases)
    assert PaymentBatch.objects.get().status == "paid"
