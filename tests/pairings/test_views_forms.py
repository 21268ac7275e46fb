"""The write pages: what a user submits, what is saved, and the message they see."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from pairings.models import FundEntry, Helper, Pairing, Project, Round
from tests.support.factories import (
    inject,
    make_pairing,
    make_poverty_round,
    make_project,
    make_student_round,
    make_worker,
    raise_funds,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifth(unions):
    return make_poverty_round()


def post(client, name, data, args=()):
    return client.post(reverse(f"pairings:{name}", args=args),
                       {"submission_token": str(uuid.uuid4()), **data})


def errors_of(response) -> str:
    assert response.status_code == 200, "the form should come back with its errors"
    return str(response.context["form"].errors)


def test_staff_pairs_a_hardship_worker_with_an_official_and_a_unit(client, staff, fifth):
    client.force_login(staff)
    worker = make_worker(7)
    response = post(client, "pairing-create", {
        "round": fifth.pk, "beneficiary_kind": "worker", "worker": worker.pk,
        "official": "王建国", "unit": "县财政局", "paired_on": "2011-03-15",
    })
    pairing = Pairing.objects.get()
    assert response.status_code == 302
    assert response.url == pairing.get_absolute_url()
    assert pairing.beneficiary.worker == worker
    assert set(pairing.helpers.values_list("name", flat=True)) == {"王建国", "县财政局"}
    assert pairing.history.first().history_user == staff


def test_a_poverty_pair_needs_an_official_and_a_unit(client, staff, fifth):
    client.force_login(staff)
    response = post(client, "pairing-create", {
        "round": fifth.pk, "beneficiary_kind": "base", "beneficiary_name": "乌云镇蓝莓基地",
        "official": "王建国", "paired_on": "2011-03-15",
    })
    assert "每个对子须有一名处级领导和一个帮扶单位" in errors_of(response)
    assert not Pairing.objects.exists()


def test_a_student_is_paired_with_several_party_branches(client, staff, unions):
    client.force_login(staff)
    students = make_student_round()
    post(client, "pairing-create", {
        "round": students.pk, "beneficiary_kind": "student", "beneficiary_name": "王思雨",
        "beneficiary_description": "嘉荫县第一中学 初二",
        "branches": "县财政局机关党支部\n朝阳镇光明村党支部\n县财政局机关党支部",
        "paired_on": "2011-09-10",
    })
    pairing = Pairing.objects.get()
    assert set(pairing.helpers.values_list("kind", flat=True)) == {Helper.Kind.BRANCH}
    assert pairing.helpers.count() == 2


def test_a_student_cannot_join_the_poverty_round(client, staff, fifth):
    client.force_login(staff)
    response = post(client, "pairing-create", {
        "round": fifth.pk, "beneficiary_kind": "student", "beneficiary_name": "王思雨",
        "official": "王建国", "unit": "县财政局", "paired_on": "2011-03-15",
    })
    assert "本项目不结对此类对象" in errors_of(response)


def test_pairing_a_beneficiary_twice_shows_the_rule(client, staff, fifth):
    client.force_login(staff)
    existing = make_pairing(fifth)
    response = post(client, "pairing-create", {
        "round": fifth.pk, "beneficiary_kind": "worker",
        "worker": existing.beneficiary.worker_id, "official": "王建国", "unit": "县财政局",
        "paired_on": "2011-04-15",
    })
    assert "该对象已在本轮的一个帮扶对子中" in errors_of(response)
    assert Pairing.objects.count() == 1


def test_a_pairing_date_outside_the_round_shows_the_rounds_dates(client, staff, fifth):
    client.force_login(staff)
    response = post(client, "pairing-create", {
        "round": fifth.pk, "beneficiary_kind": "base", "beneficiary_name": "乌云镇蓝莓基地",
        "official": "王建国", "unit": "县财政局", "paired_on": "2013-01-15",
    })
    assert "日期必须在本轮之内（2011-03-01至2012-12-31）" in errors_of(response)


def test_the_same_form_submitted_twice_creates_one_pairing(client, staff, fifth):
    client.force_login(staff)
    data = {"submission_token": str(uuid.uuid4()), "round": fifth.pk,
            "beneficiary_kind": "base", "beneficiary_name": "乌云镇蓝莓基地",
            "official": "王建国", "unit": "县财政局", "paired_on": "2011-03-15"}
    url = reverse("pairings:pairing-create")
    first = client.post(url, data)
    second = client.post(url, data)
    assert Pairing.objects.count() == 1
    assert second.status_code == 302
    assert second.url == first.url


def test_an_injection_beyond_the_balance_shows_the_available_amount(client, staff, fifth):
    client.force_login(staff)
    project = make_project(make_pairing(fifth), started_on=date(2011, 4, 1))
    raise_funds(fifth, 5000, date(2011, 3, 20))
    data = {"submission_token": str(uuid.uuid4()), "round": fifth.pk, "kind": "injected",
            "amount": "6000", "entered_on": "2011-04-10", "project": project.pk}
    response = client.post(reverse("pairings:fund-create"), data)
    assert "本轮在2011-04-10可用资金仅剩5,000元" in errors_of(response)
    assert not FundEntry.objects.filter(kind="injected").exists()
    # The same form, corrected, is saved: the refused attempt did not use up its token.
    response = client.post(reverse("pairings:fund-create"), {**data, "amount": "5000"})
    entry = FundEntry.objects.get(kind="injected")
    assert response.url == entry.get_absolute_url()
    assert entry.pairing == project.pairing
    assert entry.entered_by == staff


def test_fund_form_offers_only_the_rounds_projects(client, staff, fifth):
    client.force_login(staff)
    fourth = make_poverty_round(name="第四轮", starts_on=date(2009, 1, 1),
                                ends_on=date(2010, 12, 31))
    old = make_project(make_pairing(fourth, number=2))
    response = client.get(reverse("pairings:fund-create"), {"round": fifth.pk})
    assert old not in response.context["form"].fields["project"].queryset
    response = post(client, "fund-create", {"round": fifth.pk, "kind": "injected",
                                            "amount": "10", "entered_on": "2011-04-10",
                                            "project": old.pk})
    assert "project" in response.context["form"].errors


def test_staff_add_a_project_to_a_pair(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth, paired_on=date(2011, 3, 15))
    response = post(client, "project-create", {
        "sector": "commerce", "name": "便民超市", "started_on": "2011-04-28"},
        args=[pairing.pk])
    project = Project.objects.get()
    assert response.url == project.get_absolute_url()
    assert project.pairing == pairing
    assert project.sector == Project.Sector.COMMERCE


def test_a_project_before_its_pairing_is_refused_on_the_form(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth, paired_on=date(2011, 5, 1))
    response = post(client, "project-create", {
        "sector": "commerce", "name": "便民超市", "started_on": "2011-04-28"},
        args=[pairing.pk])
    assert "项目不能早于其对子的结对日期（2011-05-01）开始" in errors_of(response)


def test_staff_record_an_exit_from_poverty(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth)
    response = client.post(reverse("pairings:pairing-exit", args=[pairing.pk]), {
        "status": "exited", "closed_on": "2012-06-01", "remark": "养殖收入稳定", "version": 0})
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert (pairing.status, pairing.closed_on) == (Pairing.Status.EXITED, date(2012, 6, 1))
    assert "养殖收入稳定" in pairing.note
    assert pairing.version == 1
    page = client.get(reverse("pairings:pairing-exit", args=[pairing.pk])).content.decode()
    assert "该帮扶对子已结束" in page


def test_an_exit_on_a_stale_form_is_refused(client, staff, fifth):
    client.force_login(staff)
    pairing = make_pairing(fifth)
    Pairing.objects.filter(pk=pairing.pk).update(version=1, note="别人改过")
    response = client.post(reverse("pairings:pairing-exit", args=[pairing.pk]), {
        "status": "exited", "closed_on": "2012-06-01", "version": 0})
    assert "已有其他人保存了修改" in str(response.context["form"].non_field_errors())
    pairing.refresh_from_db()
    assert pairing.status == Pairing.Status.ACTIVE


def test_a_fund_correction_keeps_the_balance_rule(client, staff, fifth):
    client.force_login(staff)
    raised = raise_funds(fifth, 5000, date(2011, 3, 20))
    inject(make_project(make_pairing(fifth), started_on=date(2011, 4, 1)), 4000,
           date(2011, 4, 10))
    response = client.post(reverse("pairings:fund-update", args=[raised.pk]), {
        "amount": "3000", "entered_on": "2011-03-20", "version": 0})
    assert "支出将超过已有资金" in errors_of(response)
    raised.refresh_from_db()
    assert raised.amount == 5000
    assert raised.version == 0


def test_a_stale_fund_correction_overwrites_nothing(client, staff, fifth):
    client.force_login(staff)
    raised = raise_funds(fifth, 5000, date(2011, 3, 20))
    FundEntry.objects.filter(pk=raised.pk).update(version=1, amount=6000)
    response = client.post(reverse("pairings:fund-update", args=[raised.pk]), {
        "amount": "7000", "entered_on": "2011-03-20", "version": 0})
    assert response.status_code == 200
    raised.refresh_from_db()
    assert raised.amount == 6000


def test_staff_create_and_edit_a_round(client, staff, fifth):
    client.force_login(staff)
    response = post(client, "round-create", {
        "programme": fifth.programme.pk, "name": "第六轮", "starts_on": "2013-01-01",
        "ends_on": "2014-12-31", "exit_target": "100"})
    sixth = Round.objects.get(name="第六轮")
    assert response.url == sixth.get_absolute_url()
    response = client.post(reverse("pairings:round-update", args=[sixth.pk]), {
        "name": "第六轮", "starts_on": "2013-01-01", "ends_on": "2014-12-31",
        "exit_target": "95", "version": 0})
    sixth.refresh_from_db()
    assert sixth.exit_target == 95
    assert sixth.version == 1
    response = post(client, "round-create", {
        "programme": fifth.programme.pk, "name": "重叠轮", "starts_on": "2012-06-01",
        "ends_on": "2012-08-31"})
    assert "本轮与同一项目的第五轮重叠" in str(response.context["form"].errors)


@pytest.mark.parametrize(("name", "field"), [
    ("pairing-create", "submission_token"), ("fund-create", "submission_token"),
    ("round-create", "submission_token"), ("project-create", "submission_token"),
    ("pairing-exit", "version"), ("project-update", "version"), ("fund-update", "version"),
    ("round-update", "version"),
])
def test_every_form_carries_its_token_or_version(client, staff, fifth, name, field):
    client.force_login(staff)
    pairing = make_pairing(fifth)
    project = make_project(pairing)
    entry = raise_funds(fifth, 100, date(2011, 3, 20))
    args = {"pairing-exit": [pairing.pk], "project-create": [pairing.pk],
            "project-update": [project.pk], "fund-update": [entry.pk],
            "round-update": [fifth.pk]}.get(name, [])
    html = client.get(reverse(f"pairings:{name}", args=args)).content.decode()
    assert f'name="{field}"' in html
