"""A union's organisation indicators on its form, its page, the return form and the export."""

import io
import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.support.factories import make_headcount_return, make_union
from unions.models import Union

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def union_data(**overrides) -> dict:
    data = {"name": "嘉荫县鑫达木业有限公司工会", "kind": "private", "credit_code": "",
            "chair": "", "phone": "", "address": "", "established_on": "2005-03-01",
            "joint_union": "", "submission_token": str(uuid.uuid4()), "legal_person": "on",
            "committee_elected_on": "2011-04-08", "committee_term_years": "3",
            "contract_signed_on": "2011-03-01", "contract_expires_on": "2014-02-28",
            "wage_agreement_signed_on": "", "wage_agreement_expires_on": ""}
    data.update(overrides)
    return data


def test_admin_records_the_indicators_on_the_union_form(admin_client):
    response = admin_client.post(reverse("unions:union-create"), union_data())
    union = Union.objects.get()
    assert response.url == union.get_absolute_url()
    assert (union.legal_person, union.committee_term_years, union.election_due_on) == (
        True, 3, date(2014, 4, 8))
    assert (union.contract_signed_on, union.contract_expires_on) == (date(2011, 3, 1),
                                                                     date(2014, 2, 28))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"committee_term_years": ""}, "请同时填写委员会任期。"),
    ({"committee_term_years": "4"}, "选择一个有效的选项"),
    ({"committee_elected_on": "2004-01-01"}, "委员会的选举日期不能早于工会成立日期。"),
    ({"contract_expires_on": "2015-03-01"}, "到期日期不能晚于2014-03-01"),
    ({"wage_agreement_signed_on": "2012-03-01"}, "请同时填写到期日期。"),
    ({"contract_signed_on": "1900-01-01"}, "请输入1949-10-01至"),
    # A committee's day checked against a founding day that is not a date: errors, not a 500.
    ({"established_on": "2012-02-30"}, "输入一个有效的日期。"),
])
def test_a_bad_indicator_is_shown_next_to_its_field(admin_client, overrides, message):
    response = admin_client.post(reverse("unions:union-create"), union_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Union.objects.exists()


def test_the_union_page_shows_an_overdue_election_and_an_expiring_contract(client, staff):
    today = timezone.localdate()
    union = make_union(legal_person=True, committee_elected_on=today - timedelta(days=3 * 366),
                       committee_term_years=3, contract_signed_on=today - timedelta(days=300),
                       contract_expires_on=today + timedelta(days=30))
    client.force_login(staff)

    page = client.get(union.get_absolute_url()).content.decode()

    organisation = page[page.index('data-testid="organisation"'):]
    assert "逾期" in organisation[organisation.index('data-testid="election-due"'):][:200]
    contract = organisation[organisation.index('data-testid="contract"'):][:400]
    assert "90天内到期" in contract
    assert f"{today + timedelta(days=30):%Y-%m-%d}" in contract
    wage = organisation[organisation.index('data-testid="wage-agreement"'):][:200]
    assert "—" in wage


def test_the_return_form_and_the_union_page_carry_female_and_migrant_members(admin_client):
    union = make_union()
    response = admin_client.post(reverse("unions:headcount-create", args=[union.pk]), {
        "as_of": "2012-06-30", "members": "45", "employed": "38", "laid_off": "2",
        "joined": "3", "female_members": "20", "migrant_members": "46",
        "submission_token": str(uuid.uuid4())})
    assert "农民工会员人数不能超过会员人数（45）。" in response.content.decode()
    assert not union.headcount_returns.exists()
    make_headcount_return(union, members=45, female_members=20, migrant_members=7)
    page = admin_client.get(union.get_absolute_url()).content.decode()
    returns = page[page.index('data-testid="returns"'):]
    assert "女职工" in returns
    assert ">20<" in returns
    assert ">7<" in returns


def test_the_export_carries_the_indicators_and_their_totals(client, leader):
    union = make_union("林业局工会", legal_person=True, committee_elected_on=date(2010, 4, 16),
                       committee_term_years=5, contract_signed_on=date(2011, 3, 1),
                       contract_expires_on=date(2014, 2, 28))
    make_headcount_return(union, date(2012, 6, 30), members=45, employed=40, laid_off=1,
                          female_members=20, migrant_members=3)
    client.force_login(leader)

    response = client.get(reverse("unions:union-export"), {"on": "2012-06-30"})

    header, row, totals = load_workbook(io.BytesIO(response.content)).active.iter_rows(
        values_only=True)
    cells = dict(zip(header, row, strict=True))
    assert cells["法人资格"] == "是"
    assert cells["下届换届日期"].date() == date(2015, 4, 16)
    assert cells["集体合同到期日期"].date() == date(2014, 2, 28)
    assert (cells["女职工会员"], cells["农民工会员"]) == (20, 3)
    assert dict(zip(header, totals, strict=True))["女职工会员"] == 20
