"""The rules the models own: database constraints and the messages `full_clean()` shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from pairings.models import Beneficiary, FundEntry, Pairing, Round
from tests.support.factories import (
    make_pairing,
    make_poverty_round,
    make_project,
    make_student_round,
    make_worker,
    raise_funds,
)

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> str:
    with override("zh-hans"):
        return " ".join(str(m) for m in error.messages)


def test_a_worker_beneficiary_needs_the_worker_and_a_base_needs_a_name(unions):
    with pytest.raises(ValidationError) as error:
        Beneficiary(kind=Beneficiary.Kind.WORKER, name="某人").full_clean()
    assert "困难职工从档案中选择" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.create(kind=Beneficiary.Kind.BASE, name="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.create(kind=Beneficiary.Kind.BASE, name="基地", worker=make_worker())


def test_a_worker_is_one_beneficiary_only(unions):
    worker = make_worker()
    Beneficiary.objects.create(kind=Beneficiary.Kind.WORKER, worker=worker)
    with pytest.raises(ValidationError) as error:
        Beneficiary(kind=Beneficiary.Kind.WORKER, worker=worker).full_clean()
    assert "已是被帮扶对象" in messages_of(error.value)


def test_a_beneficiary_is_in_one_active_pairing_per_round(unions):
    fifth = make_poverty_round()
    first = make_pairing(fifth)
    second = Pairing(round=fifth, beneficiary=first.beneficiary, paired_on=date(2011, 4, 1))
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "已在本轮的一个帮扶对子中" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_beneficiary_out_of_poverty_may_be_paired_again_in_the_round(unions):
    fifth = make_poverty_round()
    first = make_pairing(fifth)
    first.status, first.closed_on = Pairing.Status.EXITED, date(2011, 12, 1)
    first.save()
    again = Pairing(round=fifth, beneficiary=first.beneficiary, paired_on=date(2012, 1, 5))
    again.full_clean()
    again.save()
    assert Pairing.objects.filter(beneficiary=first.beneficiary).count() == 2


def test_a_closed_pairing_has_a_closing_date_and_an_active_one_has_none(unions):
    pairing = make_pairing(make_poverty_round())
    pairing.status = Pairing.Status.EXITED
    with pytest.raises(ValidationError) as error:
        pairing.full_clean()
    assert "结束的对子必须有日期" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pairing.objects.filter(pk=pairing.pk).update(status=Pairing.Status.ACTIVE,
                                                     closed_on=date(2012, 1, 1))


def test_a_pairing_cannot_close_before_it_was_made(unions):
    pairing = make_pairing(make_poverty_round(), paired_on=date(2011, 6, 1))
    pairing.status, pairing.closed_on = Pairing.Status.EXITED, date(2011, 5, 1)
    with pytest.raises(ValidationError) as error:
        pairing.full_clean()
    assert "结束日期不能早于结对日期" in messages_of(error.value)


def test_pairing_dates_must_be_inside_the_round(unions):
    fifth = make_poverty_round()
    pairing = Pairing(round=fifth, beneficiary=make_pairing(fifth).beneficiary,
                      paired_on=date(2011, 2, 1))
    with pytest.raises(ValidationError) as error:
        pairing.full_clean()
    assert "日期必须在本轮之内（2011-03-01至2012-12-31）" in messages_of(error.value)


def test_a_student_cannot_be_paired_in_the_poverty_programme(unions):
    fifth = make_poverty_round()
    student = Beneficiary.objects.create(kind=Beneficiary.Kind.STUDENT, name="王思雨")
    with pytest.raises(ValidationError) as error:
        Pairing(round=fifth, beneficiary=student, paired_on=date(2011, 4, 1)).full_clean()
    assert "本项目不能结对困难学生" in messages_of(error.value)


def test_dates_in_the_future_are_refused(unions):
    fifth = make_poverty_round(name="第六轮", starts_on=date(2020, 1, 1), ends_on=None)
    tomorrow = timezone.localdate() + timedelta(days=1)
    pairing = Pairing(round=fifth, beneficiary=make_pairing(fifth).beneficiary,
                      paired_on=tomorrow)
    with pytest.raises(ValidationError) as error:
        pairing.full_clean()
    assert "日期在将来" in messages_of(error.value)


def test_a_project_starts_inside_the_round_and_after_its_pairing(unions):
    pairing = make_pairing(make_poverty_round(), paired_on=date(2011, 5, 1))
    project = make_project(pairing)
    project.started_on = date(2011, 4, 1)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "项目不能早于其对子的结对日期（2011-05-01）开始" in messages_of(error.value)
    project.started_on = date(2013, 2, 1)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "日期必须在本轮之内" in messages_of(error.value)


def test_round_end_and_exit_target_are_checked_in_the_database(unions):
    fifth = make_poverty_round()
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=fifth.pk).update(ends_on=date(2010, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=fifth.pk).update(exit_target=Decimal("120"))
    fifth.exit_target = Decimal("101")
    with pytest.raises(ValidationError) as error:
        fifth.full_clean()
    assert "exit_target" in error.value.message_dict


def test_rounds_of_a_programme_do_not_overlap(unions):
    fifth = make_poverty_round()
    sixth = Round(programme=fifth.programme, name="第六轮", starts_on=date(2012, 10, 1))
    with pytest.raises(ValidationError) as error:
        sixth.full_clean()
    assert "与同一项目的第五轮重叠" in messages_of(error.value)


def test_a_round_cannot_shrink_away_from_its_records(unions):
    fifth = make_poverty_round()
    make_pairing(fifth, paired_on=date(2011, 5, 1))
    fifth.starts_on = date(2011, 6, 1)
    with pytest.raises(ValidationError) as error:
        fifth.full_clean()
    assert "2011-05-01" in messages_of(error.value)


def test_fund_entry_amount_must_be_positive(unions):
    fifth = make_poverty_round()
    entry = FundEntry(round=fifth, kind=FundEntry.Kind.RAISED, amount=Decimal(0),
                      entered_on=date(2011, 4, 1))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "amount" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_an_injection_names_a_project(unions):
    fifth = make_poverty_round()
    entry = FundEntry(round=fifth, kind=FundEntry.Kind.INJECTED, amount=Decimal(100),
                      entered_on=date(2011, 4, 1))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "启动资金须注入一个项目" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_an_injection_names_a_project_of_the_same_round(unions):
    fifth = make_poverty_round()
    fourth = make_poverty_round(name="第四轮", starts_on=date(2009, 1, 1),
                                ends_on=date(2010, 12, 31))
    old_project = make_project(make_pairing(fourth, number=2))
    entry = FundEntry(round=fifth, kind=FundEntry.Kind.INJECTED, amount=Decimal(100),
                      entered_on=date(2011, 4, 1), project=old_project)
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "该项目属于另一轮" in messages_of(error.value)


def test_a_disbursement_names_a_pairing_and_income_no_project(unions):
    fifth = make_poverty_round()
    disbursed = FundEntry(round=fifth, kind=FundEntry.Kind.DISBURSED, amount=Decimal(100),
                          entered_on=date(2011, 4, 1))
    with pytest.raises(ValidationError) as error:
        disbursed.full_clean()
    assert "发放须注明帮扶对子" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        disbursed.save()
    project = make_project(make_pairing(fifth))
    raised = FundEntry(round=fifth, kind=FundEntry.Kind.RAISED, amount=Decimal(100),
                       entered_on=date(2011, 4, 1), project=project, pairing=project.pairing)
    with pytest.raises(ValidationError) as error:
        raised.full_clean()
    assert "筹措或收到的资金不对应项目" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        raised.save()


def test_fund_entry_kind_and_date_fit_the_round(unions):
    students = make_student_round()
    entry = FundEntry(round=students, kind=FundEntry.Kind.RAISED, amount=Decimal(100),
                      entered_on=date(2010, 8, 1))
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "筹措资金不是本项目的台账类别" in messages_of(error.value)
    assert "日期必须在本轮之内（2010-09-01起）" in messages_of(error.value)


def test_history_is_kept_for_pairings_and_fund_entries(unions):
    fifth = make_poverty_round()
    pairing = make_pairing(fifth)
    entry = raise_funds(fifth, 1000)
    pairing.note = "改了"
    pairing.save()
    assert pairing.history.count() == 2
    assert entry.history.count() == 1
