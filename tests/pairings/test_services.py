"""Services: the fund balance rule, pairing and project workflows, optimistic locks."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import override

from core.locking import StaleEdit
from pairings import services
from pairings.models import Beneficiary, FundEntry, Helper, Pairing, PairingHelper
from tests.support.factories import (
    inject,
    make_pairing,
    make_poverty_round,
    make_project,
    make_student_round,
    raise_funds,
)

pytestmark = pytest.mark.django_db


def message(error: ValidationError) -> str:
    with override("zh-hans"):
        return " ".join(str(m) for m in error.messages)


@pytest.fixture
def project(unions):
    fifth = make_poverty_round()
    return make_project(make_pairing(fifth), started_on=date(2011, 4, 1))


def test_injection_within_the_balance_is_recorded(project):
    raise_funds(project.pairing.round, 10000, date(2011, 3, 20))
    entry = inject(project, 8000, date(2011, 4, 10))
    assert entry.pairing == project.pairing
    assert services.available_on(round_id=entry.round_id, day=date(2011, 12, 31)) == 2000


def test_injection_beyond_the_balance_is_refused_with_the_available_amount(project):
    raise_funds(project.pairing.round, 10000, date(2011, 3, 20))
    inject(project, 8000, date(2011, 4, 10))
    with pytest.raises(ValidationError) as error:
        inject(project, 2500, date(2011, 5, 1))
    assert "本轮在2011-05-01可用资金仅剩2,000元" in message(error.value)
    assert FundEntry.objects.filter(kind=FundEntry.Kind.INJECTED).count() == 1


def test_injection_dated_before_the_money_was_raised_is_refused(project):
    raise_funds(project.pairing.round, 10000, date(2011, 6, 1))
    with pytest.raises(ValidationError) as error:
        inject(project, 5000, date(2011, 4, 10))
    assert "可用资金仅剩0元" in message(error.value)


def test_backdated_injection_cannot_overspend_money_already_injected_later(project):
    fifth = project.pairing.round
    raise_funds(fifth, 10000, date(2011, 3, 20))
    inject(project, 9000, date(2011, 6, 1))
    # On 2011-04-10 the ledger shows 10,000, but 9,000 of it goes out on 2011-06-01.
    with pytest.raises(ValidationError) as error:
        inject(project, 2000, date(2011, 4, 10))
    assert "仅剩1,000元" in message(error.value)


def test_student_disbursement_is_limited_to_donations_received(unions):
    students = make_student_round()
    pairing = make_pairing(students)
    raise_funds(students, 300, date(2012, 3, 1), kind=FundEntry.Kind.DONATION)
    services.fund_entry_create(round_id=students.pk, kind=FundEntry.Kind.DISBURSED,
                               amount=Decimal(300), entered_on=date(2012, 4, 1), pairing=pairing)
    with pytest.raises(ValidationError) as error:
        services.fund_entry_create(round_id=students.pk, kind=FundEntry.Kind.DISBURSED,
                                   amount=Decimal("0.01"), entered_on=date(2012, 4, 2),
                                   pairing=pairing)
    assert "可用资金仅剩0元" in message(error.value)


def test_correcting_an_income_down_below_what_went_out_is_refused(project):
    raised = raise_funds(project.pairing.round, 10000, date(2011, 3, 20))
    inject(project, 8000, date(2011, 4, 10))
    with pytest.raises(ValidationError) as error:
        services.fund_entry_update(entry_id=raised.pk, version=raised.version,
                                   amount=Decimal(5000))
    assert "支出将超过已有资金" in message(error.value)
    raised.refresh_from_db()
    assert raised.amount == 10000


def test_correcting_an_injection_counts_the_balance_without_its_old_amount(project):
    raise_funds(project.pairing.round, 10000, date(2011, 3, 20))
    entry = inject(project, 8000, date(2011, 4, 10))
    updated = services.fund_entry_update(entry_id=entry.pk, version=0, amount=Decimal(10000))
    assert updated.amount == 10000
    assert updated.version == 1
    with pytest.raises(ValidationError):
        services.fund_entry_update(entry_id=entry.pk, version=1, amount=Decimal("10000.01"))


def test_a_stale_correction_is_refused_and_nothing_is_overwritten(project):
    entry = raise_funds(project.pairing.round, 10000, date(2011, 3, 20))
    services.fund_entry_update(entry_id=entry.pk, version=0, amount=Decimal(12000))
    with pytest.raises(StaleEdit):
        services.fund_entry_update(entry_id=entry.pk, version=0, amount=Decimal(11000))
    entry.refresh_from_db()
    assert entry.amount == 12000


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_injections_cannot_overspend_the_round(unions, monkeypatch):
    """Two clerks inject 6,000 each from 10,000 at the same moment: exactly one succeeds."""
    read_balance = services.available_on

    def slow_read(**kwargs):
        # Widen the gap between reading the balance and writing the entry: without the lock
        # on the round both clerks would read 10,000 here.
        available = read_balance(**kwargs)
        time.sleep(0.3)
        return available

    monkeypatch.setattr(services, "available_on", slow_read)
    fifth = make_poverty_round()
    first = make_project(make_pairing(fifth, number=1), started_on=date(2011, 4, 1))
    second = make_project(make_pairing(fifth, number=2), name="大棚蔬菜",
                          started_on=date(2011, 4, 1))
    raise_funds(fifth, 10000, date(2011, 3, 20))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def clerk(project):
        try:
            barrier.wait()
            inject(project, 6000, date(2011, 4, 10))
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(p,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert FundEntry.objects.filter(kind=FundEntry.Kind.INJECTED).count() == 1


def test_pairing_create_links_its_helpers(unions):
    pairing = make_pairing(make_poverty_round())
    assert sorted(pairing.helpers.values_list("kind", flat=True)) == ["official", "unit"]


def test_pairing_needs_helpers_of_its_programme(unions):
    fifth = make_poverty_round()
    branch = services.helper_for(kind=Helper.Kind.BRANCH, name="县财政局机关党支部")
    base = services.beneficiary_for(kind=Beneficiary.Kind.BASE, name="朝阳镇黑木耳创业基地")
    with pytest.raises(ValidationError) as error:
        services.pairing_create(round_id=fifth.pk, beneficiary=base, helpers=[branch],
                                paired_on=date(2011, 4, 1))
    assert "县财政局机关党支部（基层党支部）不能参加本项目的帮扶" in message(error.value)
    with pytest.raises(ValidationError) as error:
        services.pairing_create(round_id=fifth.pk, beneficiary=base, helpers=[],
                                paired_on=date(2011, 4, 1))
    assert "至少要有一个帮扶人" in message(error.value)
    assert not Pairing.objects.exists()


def test_pairing_the_same_beneficiary_twice_in_a_round_is_refused(unions):
    fifth = make_poverty_round()
    pairing = make_pairing(fifth)
    with pytest.raises(ValidationError) as error:
        make_pairing(fifth, number=9, beneficiary=pairing.beneficiary)
    assert "该对象已在本轮的一个帮扶对子中" in message(error.value)


def test_recording_an_exit_closes_the_pairing_once(unions):
    pairing = make_pairing(make_poverty_round())
    closed = services.pairing_close(pairing_id=pairing.pk, status=Pairing.Status.EXITED,
                                    closed_on=date(2012, 5, 1), version=0, note="已脱贫")
    assert closed.status == Pairing.Status.EXITED
    assert closed.version == 1
    assert "已脱贫" in closed.note
    with pytest.raises(ValidationError) as error:
        services.pairing_close(pairing_id=pairing.pk, status=Pairing.Status.ENDED,
                               closed_on=date(2012, 6, 1))
    assert "该帮扶对子已结束" in message(error.value)


def test_recording_an_exit_on_a_stale_form_is_refused(unions):
    pairing = make_pairing(make_poverty_round())
    Pairing.objects.filter(pk=pairing.pk).update(version=3)
    with pytest.raises(StaleEdit):
        services.pairing_close(pairing_id=pairing.pk, status=Pairing.Status.EXITED,
                               closed_on=date(2012, 5, 1), version=2)
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_an_exit_before_the_pairing_was_made_is_refused(unions):
    pairing = make_pairing(make_poverty_round(), paired_on=date(2011, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.pairing_close(pairing_id=pairing.pk, status=Pairing.Status.EXITED,
                               closed_on=date(2011, 5, 1))
    assert "结束日期不能早于结对日期（2011-06-01）" in message(error.value)


def test_projects_are_added_to_active_pairings_only(unions):
    pairing = make_pairing(make_poverty_round())
    services.pairing_close(pairing_id=pairing.pk, status=Pairing.Status.ENDED,
                           closed_on=date(2011, 12, 1))
    with pytest.raises(ValidationError) as error:
        make_project(Pairing.objects.get(pk=pairing.pk))
    assert "只能为帮扶中的对子添加项目" in message(error.value)


def test_student_pairings_have_no_projects(unions):
    pairing = make_pairing(make_student_round())
    with pytest.raises(ValidationError) as error:
        make_project(pairing)
    assert "帮扶项目只属于扶贫创业工程的对子" in message(error.value)


def test_project_update_is_versioned(project):
    updated = services.project_update(project_id=project.pk, version=0, name="肉牛养殖")
    assert updated.version == 1
    with pytest.raises(StaleEdit):
        services.project_update(project_id=project.pk, version=0, name="林蛙养殖")
    assert project.history.count() == 2


def test_every_service_names_its_user_in_the_audit_trail(project, staff):
    entry = services.fund_entry_create(round_id=project.pairing.round_id, kind="raised",
                                       amount=Decimal(5000), entered_on=date(2011, 3, 20),
                                       by=staff)
    assert entry.entered_by == staff
    assert entry.history.get().history_user == staff
    services.fund_entry_update(entry_id=entry.pk, version=0, amount=Decimal(6000), by=staff)
    services.project_update(project_id=project.pk, version=0, name="肉牛养殖", by=staff)
    services.pairing_close(pairing_id=project.pairing_id, status=Pairing.Status.EXITED,
                           closed_on=date(2012, 5, 1), by=staff)
    for record in (entry, project, project.pairing):
        assert record.history.latest().history_user == staff


def test_pairs_made_together_share_new_helpers_and_each_row_has_its_history(unions, staff):
    fifth = make_poverty_round()
    official = Helper(kind=Helper.Kind.OFFICIAL, name="王建国")
    bases = [Beneficiary(kind=Beneficiary.Kind.BASE, name=f"基地{n}") for n in (1, 2)]
    pairs = [services.NewPairing(round_id=fifth.pk, beneficiary=base, paired_on=date(2011, 4, 1),
                                 helpers=(official, Helper(kind=Helper.Kind.UNIT, name=f"单位{n}")))
             for n, base in enumerate(bases)]
    made = services.pairings_create(pairs=pairs, by=staff)
    assert len(made) == 2
    assert Helper.objects.filter(kind=Helper.Kind.OFFICIAL).count() == 1
    for model in (Pairing, PairingHelper, Helper, Beneficiary):
        assert {h.history_user for h in model.history.all()} == {staff}
    assert PairingHelper.history.count() == 4


def test_a_beneficiary_twice_among_new_pairs_is_refused(unions, staff):
    fifth = make_poverty_round()
    base = services.beneficiary_for(kind=Beneficiary.Kind.BASE, name="朝阳镇黑木耳创业基地")
    unit = services.helper_for(kind=Helper.Kind.UNIT, name="县财政局")
    pair = services.NewPairing(round_id=fifth.pk, beneficiary=base, helpers=(unit,),
                               paired_on=date(2011, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.pairings_create(pairs=[pair, pair], by=staff)
    assert "该对象已在本轮的一个帮扶对子中" in message(error.value)
    assert not Pairing.objects.exists()
