"""The organisation indicators of the annual union statistics (工会统计年报): female and
migrant-worker members per return; legal-person status, committee term, collective contract and
wage agreement per union. Their rules hold in the model and in the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.support.factories import make_headcount_return, make_union
from unions.models import HeadcountReturn, Union, add_years

pytestmark = pytest.mark.django_db


def messages_of(record) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    return refused.value.message_dict


@pytest.mark.parametrize(("field", "message"), [
    ("female_members", "女职工会员人数不能超过会员人数（10）。"),
    ("migrant_members", "农民工会员人数不能超过会员人数（10）。"),
])
def test_female_and_migrant_members_are_within_the_members(field, message):
    ret = HeadcountReturn(union=make_union(), as_of=date(2012, 6, 30), members=10, employed=9,
                          laid_off=0, **{field: 11})
    assert messages_of(ret)[field] == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        ret.save()


def test_female_and_migrant_members_may_be_unknown():
    ret = make_headcount_return(make_union(), members=10, female_members=None,
                                migrant_members=None)
    ret.full_clean()
    assert (ret.female_members, ret.migrant_members) == (None, None)


def test_the_next_election_is_due_when_the_term_runs_out():
    union = make_union(committee_elected_on=date(2009, 4, 16), committee_term_years=3)
    assert union.election_due_on == date(2012, 4, 16)
    assert union.election_overdue_on(date(2012, 4, 17))
    assert not union.election_overdue_on(date(2012, 4, 16))
    union.committee_term_years = 5
    union.save()
    assert union.election_due_on == date(2014, 4, 16)
    union.committee_elected_on = union.committee_term_years = None
    union.save()
    assert union.election_due_on is None
    assert not union.election_overdue_on(date(2099, 1, 1))


def test_a_term_from_the_29th_of_february_ends_on_the_28th():
    assert add_years(date(2012, 2, 29), 3) == date(2015, 2, 28)
    assert add_years(date(2012, 2, 29), 4) == date(2016, 2, 29)


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"committee_elected_on": date(2010, 1, 5)}, "committee_term_years", "请同时填写委员会任期。"),
    ({"committee_term_years": 5}, "committee_elected_on", "请同时填写委员会选举日期。"),
    ({"committee_elected_on": date(1999, 1, 5), "committee_term_years": 5},
     "committee_elected_on", "委员会的选举日期不能早于工会成立日期。"),
    ({"committee_elected_on": date(2010, 1, 5), "committee_term_years": 4},
     "committee_term_years", "值 4 不是有效选项。"),
    ({"committee_elected_on": date(12, 1, 5), "committee_term_years": 5},
     "committee_elected_on", "请输入1949-10-01至"),
])
def test_a_committee_term_needs_its_day_and_three_or_five_years(values, field, message):
    union = Union(name="甲工会", kind=Union.Kind.PRIVATE, established_on=date(2000, 1, 1),
                  **values)
    assert any(text.startswith(message) for text in messages_of(union)[field])


def test_the_database_refuses_a_term_of_four_years():
    union = make_union()
    with pytest.raises(IntegrityError), transaction.atomic():
        Union.objects.filter(pk=union.pk).update(committee_elected_on=date(2010, 1, 5),
                                                 committee_term_years=4)


@pytest.mark.parametrize("prefix", ["contract", "wage_agreement"])
@pytest.mark.parametrize(("signed", "expires", "field", "message"), [
    (date(2011, 3, 1), None, "expires_on", "请同时填写到期日期。"),
    (None, date(2014, 2, 28), "signed_on", "请同时填写签订日期。"),
    (date(2011, 3, 1), date(2011, 3, 1), "expires_on", "到期日期必须晚于签订日期。"),
    (date(2011, 3, 1), date(2014, 3, 2), "expires_on",
     "集体合同或工资专项集体合同的期限最长三年，到期日期不能晚于2014-03-01。"),
    # An expiry lies at most ten years ahead (core.dates), the signing at most one.
    (date(2100, 3, 1), date(2101, 1, 1), "expires_on", "请输入1949-10-01至"),
    (date(2100, 3, 1), date(2101, 1, 1), "signed_on", "请输入1949-10-01至"),
])
def test_an_agreement_runs_from_its_signing_at_most_three_years(prefix, signed, expires, field,
                                                                message):
    union = Union(name="甲工会", kind=Union.Kind.PRIVATE, established_on=date(2000, 1, 1),
                  **{f"{prefix}_signed_on": signed, f"{prefix}_expires_on": expires})
    assert any(text.startswith(message) for text in messages_of(union)[f"{prefix}_{field}"])


@pytest.mark.parametrize("prefix", ["contract", "wage_agreement"])
def test_the_database_refuses_an_agreement_expiring_before_it_is_signed(prefix):
    union = make_union()
    with pytest.raises(IntegrityError), transaction.atomic():
        Union.objects.filter(pk=union.pk).update(**{f"{prefix}_signed_on": date(2012, 1, 1),
                                                    f"{prefix}_expires_on": date(2011, 1, 1)})


def test_an_agreement_of_exactly_three_years_is_fine():
    union = make_union(contract_signed_on=date(2011, 3, 1), contract_expires_on=date(2014, 3, 1),
                       wage_agreement_signed_on=date(2012, 3, 1),
                       wage_agreement_expires_on=date(2013, 2, 28), legal_person=True)
    union.full_clean()


@pytest.mark.parametrize(("day", "state"), [
    (date(2011, 2, 28), "pending"),
    (date(2011, 3, 1), "in_force"),
    (date(2013, 11, 29), "in_force"),
    (date(2013, 11, 30), "expiring"),   # its last day is 90 days later
    (date(2014, 2, 28), "expiring"),
    (date(2014, 3, 1), "expired"),
])
def test_an_agreements_state_on_a_day(day, state):
    union = make_union(contract_signed_on=date(2011, 3, 1), contract_expires_on=date(2014, 2, 28))
    assert union.contract_state(day) == state
    assert union.wage_agreement_state(day) == "none"
