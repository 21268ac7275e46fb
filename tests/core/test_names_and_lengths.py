"""Names made only of invisible or direction-control characters are refused wherever names are
typed (forms, imports, services), and free text has a maximum length in model and form
(issue 14, item 11; core.text)."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.services import user_create
from activities.models import Activity
from aid.models import AidCase, Campaign, HardshipWorker
from economy.models import Household
from pairings.imports import PairingImporter
from pairings.models import Helper, Pairing
from reports.models import Summary
from tests.support.factories import (
    ARCHIVE_FORM,
    make_campaign,
    make_case,
    make_poverty_round,
    make_student_round,
    make_union,
    valid_id,
)
from tests.support.workbooks import xlsx
from unions.models import Union

pytestmark = pytest.mark.django_db

INVISIBLE = ["\u200b", "\u202e", "\u2066\u2069", "\ufeff", "\u00ad", "\u3164", "\u200b \u200c"]
IDS = ["zwsp", "rlo", "isolates", "bom", "soft-hyphen", "hangul-filler", "mixed"]
INVISIBLE_MESSAGE = "不可见字符"
DIRECTION_MESSAGE = "文字方向控制字符"


def token() -> str:
    return str(uuid.uuid4())


def errors(response, field: str) -> str:
    assert response.status_code == 200, "the form should come back with its errors"
    return " ".join(response.context["form"].errors[field])


def refused(message: str) -> bool:
    return INVISIBLE_MESSAGE in message or DIRECTION_MESSAGE in message


@pytest.mark.parametrize("name", INVISIBLE, ids=IDS)
def test_a_union_named_only_with_invisible_characters_is_refused(client, admin_user, name):
    client.force_login(admin_user)
    response = client.post(reverse("unions:union-create"), {
        "name": name, "kind": "private", "credit_code": "", "chair": "", "phone": "",
        "address": "", "established_on": "2012-04-18", "joint_union": "",
        "submission_token": token()})
    assert refused(errors(response, "name"))
    assert not Union.objects.exists()


def test_a_name_that_displays_reversed_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("unions:union-create"), {
        "name": "\u202e会工县荫嘉", "kind": "private", "established_on": "2012-04-18",
        "submission_token": token()})
    assert DIRECTION_MESSAGE in errors(response, "name")


@pytest.mark.parametrize("name", INVISIBLE, ids=IDS)
def test_a_worker_named_only_with_invisible_characters_is_refused(client, staff, name):
    client.force_login(staff)
    response = client.post(reverse("aid:worker-create"), {
        "name": name, "id_number": valid_id("23072219650412002"), "union": make_union().pk,
        "employment_status": "laid_off", "hardship_level": "extreme", "household_size": 1,
        **ARCHIVE_FORM, "own_monthly_income": "0", "registered_on": "2011-05-04",
        "submission_token": token()})
    assert refused(errors(response, "name"))
    assert not HardshipWorker.objects.exists()


@pytest.mark.parametrize(("url", "data", "field", "model"), [
    ("aid:campaign-create", {"starts_on": "2012-12-20", "ends_on": "2013-02-20"}, "name",
     Campaign),
    ("activities:activity-create", {"kind": "sports", "held_on": "2012-04-28",
                                    "level": "county"}, "title", Activity),
], ids=["campaign", "activity"])
def test_campaigns_and_activities_need_a_visible_name(client, staff, url, data, field, model):
    client.force_login(staff)
    response = client.post(reverse(url), {**data, field: "\u200b\u200b",
                                          "submission_token": token()})
    assert refused(errors(response, field))
    assert not model.objects.exists()


def test_a_household_owner_needs_a_visible_name(client, staff):
    client.force_login(staff)
    response = client.post(reverse("economy:household-create"), {
        "owner": "\ufeff", "owner_status": "laid_off", "union": make_union().pk,
        "sector": "agriculture", "business": "地栽木耳", "started_on": "2010-05-18",
        "submission_token": token()})
    assert refused(errors(response, "owner"))
    assert not Household.objects.exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"official": "\u200b", "unit": "县财政局"}, "official"),
    ({"official": "王建国", "unit": "\u2066\u2069"}, "unit"),
], ids=["official", "unit"])
def test_a_pairs_helpers_need_visible_names(client, staff, data, field):
    fifth = make_poverty_round()
    client.force_login(staff)
    response = client.post(reverse("pairings:pairing-create"), {
        "round": fifth.pk, "beneficiary_kind": "base", "beneficiary_name": "乌云镇蓝莓基地",
        "paired_on": "2011-03-15", "submission_token": token(), **data})
    assert refused(errors(response, field))
    assert not Pairing.objects.exists()


def test_each_party_branch_line_needs_a_visible_name(client, staff):
    students = make_student_round()
    client.force_login(staff)
    response = client.post(reverse("pairings:pairing-create"), {
        "round": students.pk, "beneficiary_kind": "student", "beneficiary_name": "王思雨",
        "branches": "县财政局机关党支部\n\u200b\u200d\n", "paired_on": "2011-09-10",
        "submission_token": token()})
    assert refused(errors(response, "branches"))
    assert not Helper.objects.exists()


def test_an_import_refuses_a_helper_named_only_with_invisible_characters(admin_user):
    make_poverty_round()
    content = xlsx([["\u200b", "县财政局", "朝阳镇黑木耳创业基地", "创业基地", "2011-03-15"]],
                   ["处级领导", "帮扶单位", "被帮扶对象", "对象类别", "结对日期"])
    result = PairingImporter().run(content, "pairs.xlsx", by=admin_user)
    assert [(e.row, e.column) for e in result.errors] == [(2, "处级领导")]
    assert INVISIBLE_MESSAGE in result.errors[0].message
    assert not Helper.objects.exists()


def test_a_user_needs_a_visible_full_name():
    with pytest.raises(ValidationError) as refused_user:
        user_create(username="new-staff", password="a-Long-passw0rd-2012", role=Role.STAFF,
                    full_name="\u200b")
    assert "full_name" in refused_user.value.message_dict


# -- lengths --

def test_campaign_notes_longer_than_2000_characters_are_refused(client, staff):
    client.force_login(staff)
    response = client.post(reverse("aid:campaign-create"), {
        "name": "2013年两节送温暖", "starts_on": "2012-12-20", "ends_on": "2013-02-20",
        "notes": "慰" * 2001, "submission_token": token()})
    assert "2000" in errors(response, "notes")
    assert not Campaign.objects.exists()
    page = client.get(reverse("aid:campaign-create")).content.decode()
    assert 'maxlength="2000"' in page


def test_a_narrative_block_longer_than_5000_characters_is_refused(client, staff):
    client.force_login(staff)
    url = reverse("reports:summary-edit", args=[2012, "h1"])
    client.get(url)
    data = {name: "" for name in Summary.NARRATIVE_FIELDS}
    response = client.post(url, {**data, "opening": "工" * 5001, "version": 0})
    assert "5000" in errors(response, "opening")
    assert Summary.objects.get(year=2012, half="h1").opening == ""


@pytest.mark.parametrize(("make", "field", "limit"), [
    (lambda user: make_campaign(), "notes", 2000),
    (lambda user: make_case(entered_by=user), "notes", 2000),
    (lambda user: make_case(entered_by=user), "rejection_reason", 500),
], ids=["campaign-notes", "case-notes", "rejection-reason"])
def test_the_model_refuses_text_longer_than_its_limit(staff, make, field, limit):
    record = make(staff)
    setattr(record, field, "长" * (limit + 1))
    with pytest.raises(ValidationError) as too_long:
        record.full_clean()
    assert field in too_long.value.message_dict


def test_a_rejection_reason_is_at_most_500_characters(client, leader, staff):
    case = make_case(entered_by=staff, status=AidCase.Status.SUBMITTED,
                     granted_on=date(2012, 3, 1))
    client.force_login(leader)
    response = client.post(reverse("aid:case-reject", args=[case.pk]), {"reason": "理" * 501},
                           follow=True)
    assert "500" in response.content.decode()
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED
