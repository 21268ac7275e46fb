"""The pairs import in one pass: every problem of the file at once, labels in the preview, the
pairing day refused in the future (the pairing's own rule)."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import ImportBatch
from pairings.imports import PairingImporter
from pairings.models import Helper, Pairing
from tests.support.factories import make_poverty_round, make_worker
from tests.support.workbooks import xlsx

pytestmark = pytest.mark.django_db
HEADERS = ["处级领导", "帮扶单位", "被帮扶对象", "对象类别", "结对日期", "轮次"]
UNKNOWN_ID = "230722197001010018"


@pytest.fixture
def fifth(unions):
    return make_poverty_round()


def rounds_file(known_id: str) -> bytes:
    """Row 3: a date that is no date; row 5: an ID number not in the archive; row 7: a round
    that does not exist. Every other row is good."""
    return xlsx([
        ["王建国", "县财政局", known_id, "困难职工", "2011-03-15", None],
        ["李振华", "县农业局", "朝阳镇黑木耳创业基地", "创业基地", "2011-02-30", None],
        ["张志强", "县林业局", "乌云镇蓝莓基地", "创业基地", "2011-03-16", None],
        ["刘德胜", "县商务局", UNKNOWN_ID, "困难职工", "2011-03-17", None],
        ["陈永清", "县水务局", "常家屯木耳基地", "base", "2011-03-18", None],
        ["杨树林", "县教育局", "红光农场基地", "创业基地", "2011-03-19", "第九轮"],
    ], HEADERS)


def upload(client, content: bytes):
    return client.post(reverse("pairings:pairs-import"),
                       {"file": SimpleUploadedFile("结对.xlsx", content)})


@pytest.mark.parametrize("background", [False, True], ids=["in the request", "by the worker"])
def test_a_bad_date_and_later_unknown_records_are_reported_at_once(
        client, staff, fifth, settings, background):
    if background:
        settings.IMPORT_BACKGROUND_BYTES = settings.IMPORT_BACKGROUND_ROWS = 0
    client.force_login(staff)
    response = upload(client, rounds_file(make_worker(11).id_number))
    if background:
        assert ImportBatch.objects.get().status == ImportBatch.Status.INVALID
        response = client.get(response.url)
    errors = response.context["errors"]
    assert [(e.row, e.column) for e in errors] == [(3, "结对日期"), (5, "被帮扶对象"),
                                                   (7, "轮次")]
    assert response.context["error_count"] == 3
    assert not Pairing.objects.exists()
    assert not Helper.objects.exists()


def test_a_row_with_a_bad_date_still_has_its_beneficiary_looked_up(fifth):
    content = xlsx([["王建国", "县财政局", UNKNOWN_ID, "困难职工", "去年", None]], HEADERS)
    result = PairingImporter().parse(content, "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "结对日期"), (2, "被帮扶对象")]


def test_the_preview_shows_labels_names_and_dates(client, staff, fifth):
    client.force_login(staff)
    worker = make_worker(12, name="孙玉林")
    response = upload(client, xlsx([
        ["王建国", "县财政局", worker.id_number, "worker", "2011-03-15", None],
        ["李振华", "县农业局", "朝阳镇黑木耳创业基地", "base", "2011/3/16", None],
    ], HEADERS))
    page = client.get(response.url)
    cells = [cells for _number, cells in page.context["preview"]]
    assert cells[0][3] == "困难职工"
    assert cells[1][3] == "创业基地"
    assert cells[0][4] == "2011年3月15日"
    assert cells[0][2] == f"孙玉林 ({worker.masked_id_number})"
    assert cells[1][5] == "第五轮"
    html = page.content.decode()
    assert ">worker<" not in html
    assert ">base<" not in html


def test_a_pairing_dated_2030_is_refused(fifth):
    result = PairingImporter().parse(xlsx([
        ["王建国", "县财政局", "朝阳镇黑木耳创业基地", "创业基地", "2030-03-15", "第五轮"],
    ], HEADERS), "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "结对日期")]


def test_a_pairing_dated_after_today_is_refused_by_the_pairings_own_rule(unions):
    today = timezone.localdate()
    make_poverty_round("第六轮", starts_on=today - timedelta(days=30), ends_on=None)
    result = PairingImporter().parse(xlsx([
        ["王建国", "县财政局", "朝阳镇黑木耳创业基地", "创业基地",
         today + timedelta(days=3), None],
        ["李振华", "县农业局", "乌云镇蓝莓基地", "创业基地", today, None],
    ], HEADERS), "a.xlsx")
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "结对日期", "日期在将来，不能录入。")]


def test_a_day_outside_the_named_round_is_refused_with_the_rounds_dates(fifth):
    result = PairingImporter().parse(xlsx([
        ["王建国", "县财政局", "朝阳镇黑木耳创业基地", "创业基地", date(2013, 1, 5), "第五轮"],
    ], HEADERS), "a.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(2, "结对日期")]
    assert "2012-12-31" in result.errors[0].message


@pytest.mark.parametrize("column", range(len(HEADERS)), ids=HEADERS)
def test_any_unreadable_cell_is_reported_with_the_rest_of_the_row_checked(fifth, column):
    row = ["王建国", "县财政局", UNKNOWN_ID, "困难职工", "2011-03-15", "第五轮"]
    row[column] = "巧" * 300
    result = PairingImporter().parse(xlsx([row], HEADERS), "a.xlsx")
    assert (2, HEADERS[column]) in [(e.row, e.column) for e in result.errors]
    if column not in (2, 3):  # the worker is looked up, and is not in the archive
        assert (2, "被帮扶对象") in [(e.row, e.column) for e in result.errors]
