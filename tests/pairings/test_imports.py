"""Importing the pairs of a round from .xlsx: all or nothing, every bad row reported."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pairings import services
from pairings.imports import PairingImporter
from pairings.models import Beneficiary, Helper, Pairing, PairingHelper
from tests.support.factories import make_pairing, make_poverty_round, make_worker
from tests.support.workbooks import xlsx

pytestmark = pytest.mark.django_db
HEADERS = ["处级领导", "帮扶单位", "被帮扶对象", "对象类别", "结对日期", "轮次"]




def upload(client, content: bytes, name: str = "第五轮结对.xlsx"):
    return client.post(reverse("pairings:pairs-import"),
                       {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def fifth(unions):
    return make_poverty_round()


def test_a_good_file_is_previewed_with_masked_ids_then_imported(client, staff, fifth):
    client.force_login(staff)
    zhang = make_worker(11, name="张桂兰")
    sun = make_worker(12, name="孙玉林")
    content = xlsx([
        ["王建国", "县财政局", zhang.id_number, "困难职工", date(2011, 3, 15), "第五轮"],
        ["李振华", "县农业局", "孙玉林", "worker", "2011-03-16", None],
        ["王建国", "县林业局", "朝阳镇黑木耳创业基地", "创业基地", "2011/3/17", None],
    ], HEADERS)
    response = upload(client, content)
    assert response.status_code == 302
    preview = client.get(response.url)
    html = preview.content.decode()
    assert 'data-testid="import-preview"' in html
    assert zhang.id_number not in html
    assert zhang.masked_id_number in html
    assert not Pairing.objects.exists()

    done = client.post(response.url)
    assert done.status_code == 302
    assert done.url == reverse("pairings:pairing-list")
    assert Pairing.objects.filter(round=fifth).count() == 3
    assert Helper.objects.filter(kind=Helper.Kind.OFFICIAL).count() == 2
    assert Helper.objects.filter(kind=Helper.Kind.UNIT).count() == 3
    assert set(Beneficiary.objects.values_list("kind", flat=True)) == {"worker", "base"}
    pairing = Pairing.objects.get(beneficiary__worker=sun)
    assert set(pairing.helpers.values_list("name", flat=True)) == {"李振华", "县农业局"}
    assert pairing.history.get().history_user == staff


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_problem(client, staff, fifth):
    client.force_login(staff)
    taken = make_pairing(fifth, number=30)
    good = make_worker(13, name="刘长海")
    make_worker(14, name="重名")
    make_worker(15, name="重名")
    content = xlsx([
        ["王建国", "县财政局", good.id_number, "困难职工", "2011-03-15", None],
        ["李振华", "县农业局", "230722197001010018", "困难职工", "2011-03-15", None],
        ["张志强", "县林业局", "王思雨", "困难学生", "2011-03-15", None],
        ["刘德胜", "县商务局", "乌云镇蓝莓基地", "创业基地", "2013-02-01", None],
        ["陈永清", "县水务局", taken.beneficiary.worker.id_number, "困难职工", "2011-04-01",
         None],
        ["杨树林", "县教育局", good.id_number, "困难职工", "2011-03-20", None],
    ], HEADERS)
    response = upload(client, content)
    assert response.status_code == 200
    problems = [(e.row, e.column) for e in response.context["errors"]]
    assert (3, "被帮扶对象") in problems  # no such ID number
    assert (4, "对象类别") in problems  # students are not imported here
    assert (5, "结对日期") in problems  # no poverty round runs then
    assert (6, "被帮扶对象") in problems  # already paired in this round
    assert (7, "被帮扶对象") in problems  # twice in the file (row 2)
    html = response.content.decode()
    assert "困难职工档案中没有此身份证号" in html
    assert "在本文件中重复结对（见第2行）" in html
    assert Pairing.objects.count() == 1
    second = upload(client, xlsx([
        ["赵立新", "县卫生局", "重名", "困难职工", "2011-03-20", "第九轮"],
        ["赵立新", "县卫生局", "重名", "困难职工", "2011-03-20", None],
    ], HEADERS))
    problems = {(e.row, e.message) for e in second.context["errors"]}
    assert (2, "没有此名称的扶贫轮次") in problems
    assert (3, "档案中有多名同名困难职工，请填写身份证号") in problems
    unreadable = upload(client, xlsx([
        [None, "县民政局", "向阳乡基地", "创业基地", "不是日期", None],
    ], HEADERS))
    problems = [(e.row, e.column) for e in unreadable.context["errors"]]
    assert problems == [(2, "处级领导"), (2, "结对日期")]
    assert Pairing.objects.count() == 1


def test_a_file_without_the_headers_is_refused(client, staff, fifth):
    client.force_login(staff)
    response = upload(client, xlsx([["王建国"]], headers=["姓名"]))
    assert "处级领导" in response.context["errors"][0].message
    assert not Pairing.objects.exists()


def test_the_template_has_the_columns(client, staff, db):
    client.force_login(staff)
    response = client.get(reverse("pairings:pairs-import-template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers[:6] == HEADERS


def test_checking_a_file_takes_the_same_queries_for_few_or_many_rows(fifth):
    def rows(count):
        return [[f"领导{n}", f"单位{n}", f"基地{n}", "创业基地", "2011-03-15", None]
                for n in range(count)]

    importer = PairingImporter()
    with CaptureQueriesContext(connection) as few:
        assert importer.parse(xlsx(rows(3), HEADERS), "a.xlsx").ok
    with CaptureQueriesContext(connection) as many:
        assert importer.parse(xlsx(rows(120), HEADERS), "a.xlsx").ok
    assert len(few) == len(many)


def test_an_import_makes_its_pairs_through_the_forms_service(client, staff, fifth, monkeypatch):
    made = []
    create = services.pairings_create

    def spy(**kwargs):
        made.append(kwargs)
        return create(**kwargs)

    monkeypatch.setattr(services, "pairings_create", spy)
    client.force_login(staff)
    response = upload(client, xlsx([
        ["王建国", "县财政局", "朝阳镇黑木耳创业基地", "创业基地", "2011-03-17", None],
        ["王建国", "县林业局", "乌云镇蓝莓基地", "创业基地", "2011-03-18", None],
    ], HEADERS))
    client.post(response.url)
    assert [len(call["pairs"]) for call in made] == [2]
    assert made[0]["by"] == staff
    assert Helper.objects.filter(name="王建国").count() == 1
    for model in (Pairing, PairingHelper, Helper, Beneficiary):
        assert {h.history_user for h in model.history.all()} == {staff}
