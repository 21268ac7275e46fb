"""The archive as the office knows it (issue 16, item 7): the national form in Word, one archive
or a batch; the Excel export and import in the form's layout, round trip included."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import Workbook, load_workbook

from aid.models import (
    AidCase,
    ArchiveSpell,
    HardshipWorker,
    HomeSurvey,
    HouseholdMember,
    LivingStandard,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
    ReviewRound,
)
from aid.national_form_excel import ARCHIVE_COLUMNS, MEMBER_COLUMNS
from aid.national_form_services import IMPORT_REASON
from tests.support.factories import make_union, make_user, make_worker, worker_id_number

W = HardshipWorker


def zh(choice) -> str:
    """A choice's label as the Chinese form and file show it."""
    with translation.override("zh-hans"):
        return str(choice.label)




def household(worker: HardshipWorker, *incomes: Decimal) -> None:
    """Members with these monthly incomes, the archive's sums kept as its form would."""
    relations = [HouseholdMember.Relation.SPOUSE, HouseholdMember.Relation.CHILD,
                 HouseholdMember.Relation.PARENT]
    for number, income in enumerate(incomes):
        HouseholdMember.objects.create(
            worker=worker, name=f"{worker.name}家属{number + 1}", relation=relations[number],
            id_number=worker_id_number(5000 + worker.pk * 10 + number),
            occupation="学生" if number else "无业", monthly_income=income)
    worker.members_monthly_income = sum(incomes, Decimal(0))
    worker.household_size = len(incomes) + 1
    worker.save()


def archive(staff, leader, *, number: int, union=None, **fields) -> HardshipWorker:
    """An approved archive with two members, its survey, notice (one objection) and spell."""
    worker = make_worker(number, union=union, active=False, registered_on=date(2012, 3, 1),
                         own_monthly_income=Decimal(600), other_annual_income=Decimal(1200),
                         main_cause=W.Cause.UNEMPLOYMENT, secondary_causes=[W.Cause.ILLNESS],
                         address="朝阳镇幸福街12号", phone="13904580000",
                         marital_status=W.Marital.MARRIED, housing_area=Decimal("45.50"),
                         **fields)
    household(worker, Decimal(300), Decimal(0))
    HomeSurvey.objects.create(worker=worker, surveyed_on=date(2012, 3, 5), surveyors="李明、王芳",
                              findings="妻子无业，孩子上学", recorded_by=staff)
    notice = PublicNotice.objects.create(worker=worker, starts_on=date(2012, 3, 8),
                                         ends_on=date(2012, 3, 15), place="单位公示栏",
                                         recorded_by=staff)
    NoticeObjection.objects.create(notice=notice, raised_on=date(2012, 3, 9), content="收入不实",
                                   resolution="复查属实", resolved_on=date(2012, 3, 12),
                                   recorded_by=staff, resolved_by=staff)
    ArchiveSpell.objects.create(worker=worker, started_on=date(2012, 3, 20), prepared_by=staff,
                                approved_by=leader)
    worker.state = W.State.ACTIVE
    worker.save()
    return worker


def texts(content: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def sheet_rows(content: bytes, index: int) -> list[list]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook.worksheets[index].iter_rows(values_only=True)]


def upload(client, content: bytes, name: str = "困难职工档案.xlsx"):
    return client.post(reverse("aid:archives-import"), {"file": SimpleUploadedFile(name, content)})


# ---- Word ----

def test_the_word_form_shows_the_archive_its_members_income_and_procedure(client, staff,
                                                                         leader):
    worker = archive(staff, leader, number=1)
    client.force_login(leader)
    response = client.get(reverse("aid:archive-form", args=[worker.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "no-store" in response["Cache-Control"]
    text = texts(response.content)
    assert "困难职工档案表" in text
    assert worker.name in text
    assert worker.id_number in text  # whole: the form is the archive itself
    assert "职工1家属1" in text
    assert "职工1家属2" in text
    # (600 + 300) × 12 + 1200 = 12,000 a year, 3 people: 333.33 a month each, computed.
    worker.refresh_from_db()
    assert worker.income_per_capita == Decimal("333.33")
    assert "333.33元" in text
    assert "12,000.00元" in text
    assert "入户调查：2012年3月5日，调查人：李明、王芳" in text
    assert "公示：2012年3月8日至2012年3月15日（8天），地点：单位公示栏" in text
    assert "异议（2012年3月9日）：收入不实；2012年3月12日处理：复查属实" in text
    assert f"审批：{leader.get_username()}，2012年3月20日" in text
    assert zh(W.Cause.UNEMPLOYMENT) in text
    assert zh(W.Cause.ILLNESS) in text
    assert zh(HouseholdMember.Relation.SPOUSE) in text


def test_the_word_form_shows_spells_and_the_latest_review(client, staff, leader):
    worker = archive(staff, leader, number=2)
    spell = worker.spells.get()
    spell.ended_on, spell.end_reason = date(2012, 6, 30), ArchiveSpell.EndReason.EMPLOYMENT
    spell.save()
    ArchiveSpell.objects.create(worker=worker, started_on=date(2012, 9, 1), relapse=True)
    review = ReviewRound.objects.create(year=2012, opened_by=staff, approved_by=leader,
                                        approved_on=date(2012, 12, 20))
    ReviewOutcome.objects.create(round=review, worker=worker, decision="continue",
                                 surveyed_on=date(2012, 12, 1), recorded_by=staff)
    client.force_login(staff)
    text = texts(client.get(reverse("aid:archive-form", args=[worker.pk])).content)
    assert "2012年6月30日" in text
    assert zh(ArchiveSpell.EndReason.EMPLOYMENT) in text
    assert "2012年9月1日（返困）" in text
    assert "在档" in text
    assert "2012年度复核" in text
    assert "2012年12月1日" in text


def test_a_batch_is_one_word_file_with_one_section_per_archive(client, staff, leader):
    workers = [archive(staff, leader, number=n) for n in (3, 4, 5)]
    client.force_login(leader)
    response = client.get(reverse("aid:archive-form-batch"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert len(document.sections) == 3
    titles = [p.text for p in document.paragraphs if p.text == "困难职工档案表"]
    assert len(titles) == 3

    chosen = client.get(reverse("aid:archive-form-batch"),
                        {"pk": [workers[0].pk, workers[2].pk]})
    text = texts(chosen.content)
    assert len(Document(io.BytesIO(chosen.content)).sections) == 2
    assert workers[0].name in text
    assert workers[1].name not in text


def test_the_list_offers_the_forms_of_the_archives_ticked(client, staff, leader):
    worker = archive(staff, leader, number=20)
    client.force_login(leader)
    page = client.get(reverse("aid:worker-list")).content.decode()
    assert f'name="pk" value="{worker.pk}" form="archive-forms"' in page
    assert 'data-testid="archive-export"' in page
    assert 'data-testid="archive-export-full"' not in page  # a leader's list: masked only
    none_ticked = client.get(reverse("aid:archive-form-batch"), {"chosen": "1"})
    assert none_ticked.status_code == 302


def test_a_batch_too_large_for_one_request_is_refused_with_a_message(client, staff, leader,
                                                                     monkeypatch):
    monkeypatch.setattr("aid.views.national_form.WORD_BATCH_LIMIT", 1)
    archive(staff, leader, number=6)
    archive(staff, leader, number=7)
    client.force_login(staff)
    response = client.get(reverse("aid:archive-form-batch"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("aid:worker-list"))
    assert "1" in str(next(iter(response.context["messages"])))


# ---- Excel ----

def test_the_export_masks_id_numbers_by_default(client, staff, leader):
    worker = archive(staff, leader, number=8)
    client.force_login(leader)
    response = client.get(reverse("aid:archive-export"))
    assert response.status_code == 200
    archives, members = sheet_rows(response.content, 0), sheet_rows(response.content, 1)
    assert archives[0] == [c.header for c in ARCHIVE_COLUMNS]
    assert archives[1][1] == worker.masked_id_number
    assert worker.id_number not in str(archives) + str(members)
    assert members[0] == [c.header for c in MEMBER_COLUMNS]
    assert [row[0] for row in members[1:]] == [worker.masked_id_number] * 2
    assert {zh(W.EmploymentStatus.LAID_OFF), zh(W.HardshipLevel.EXTREME),
            zh(W.Marital.MARRIED)} <= set(archives[1])


def test_a_masked_export_cannot_be_imported(client, staff, leader):
    archive(staff, leader, number=9)
    client.force_login(staff)
    content = client.get(reverse("aid:archive-export")).content
    HardshipWorker.objects.update(name="旧档案")  # the file is checked against the database
    response = upload(client, content)
    assert response.status_code == 200
    messages = [e.message for e in response.context["errors"]]
    assert any("masked" in m or "遮" in m or "完整" in m for m in messages)
    assert HardshipWorker.objects.count() == 1


def snapshot() -> dict:
    """The archives and their members as the form knows them, by ID number."""
    fields = [c.column.key for c in ARCHIVE_COLUMNS if c.field] + [
        "union__name", "state", "exited_on", "household_annual_income", "income_per_capita",
        "members_monthly_income", "birth_date", "sex"]
    archives = {row["id_number"]: row for row in HardshipWorker.objects.values(*fields)}
    for number, row in archives.items():
        row["members"] = sorted(HouseholdMember.objects.filter(worker__id_number=number)
                                .values_list("name", "relation", "id_number", "health",
                                             "occupation", "monthly_income"))
        row["spells"] = list(ArchiveSpell.objects.filter(worker__id_number=number)
                             .values_list("started_on", "ended_on", "end_reason"))
        row["surveys"] = list(HomeSurvey.objects.filter(worker__id_number=number)
                              .values_list("surveyed_on", "surveyors", "findings"))
        row["notices"] = list(PublicNotice.objects.filter(worker__id_number=number)
                              .values_list("starts_on", "ends_on", "place"))
    return archives


def empty_the_archive() -> None:
    ReviewOutcome.objects.all().delete()
    ArchiveSpell.objects.all().delete()
    AidCase.objects.all().delete()
    HardshipWorker.objects.all().delete()


def test_the_full_export_imports_into_an_empty_archive_as_the_same_archives(client, staff,
                                                                           leader):
    union = make_union("县供销社工会")
    archive(staff, leader, number=10, union=union)
    exited = archive(staff, leader, number=11, union=union,
                     hardship_level=W.HardshipLevel.RELATIVE, health=W.Health.DISABLED,
                     disability_class=W.DisabilityClass.SECOND)
    ArchiveSpell.objects.filter(worker=exited).update(
        ended_on=date(2012, 6, 30), end_reason=ArchiveSpell.EndReason.INCOME)
    HardshipWorker.objects.filter(pk=exited.pk).update(state=W.State.EXITED,
                                                       exited_on=date(2012, 6, 30))
    in_notice = make_worker(12, union=union, active=False, registered_on=date(2012, 5, 2))
    HomeSurvey.objects.create(worker=in_notice, surveyed_on=date(2012, 5, 3), surveyors="赵强",
                              findings="属实", recorded_by=staff)
    PublicNotice.objects.create(worker=in_notice, starts_on=date(2012, 5, 4),
                                ends_on=date(2012, 5, 12), place="社区", recorded_by=staff)
    HardshipWorker.objects.filter(pk=in_notice.pk).update(state=W.State.IN_NOTICE)
    make_worker(13, union=union, active=False, registered_on=date(2012, 5, 2))  # a draft
    before = snapshot()

    client.force_login(staff)
    export = client.get(reverse("aid:archive-export-full"))
    assert export.status_code == 200
    assert "含完整身份证号" in export["Content-Disposition"] or "%E5%90%AB" in \
        export["Content-Disposition"]
    first_sheet = load_workbook(io.BytesIO(export.content)).sheetnames[0]
    assert first_sheet == "困难职工档案（含完整身份证号）"
    empty_the_archive()

    response = upload(client, export.content)
    assert response.status_code == 302, response.context and response.context.get("errors")
    preview = client.get(response.url).content.decode()
    assert 'data-testid="import-preview"' in preview
    assert exited.id_number not in preview  # the preview masks them like every list
    done = client.post(response.url)
    assert done.status_code == 302
    assert snapshot() == before
    states = dict(HardshipWorker.objects.values_list("name", "state"))
    assert states == {"职工10": "active", "职工11": "exited", "职工12": "in_notice",
                      "职工13": "draft"}


def test_an_imported_archive_is_recorded_as_imported_by_the_user_and_receives_aid(
        client, staff, leader):
    archive(staff, leader, number=14)
    client.force_login(staff)
    content = client.get(reverse("aid:archive-export-full")).content
    empty_the_archive()
    response = upload(client, content)
    client.post(response.url)
    worker = HardshipWorker.objects.get()
    record = worker.history.earliest()
    assert record.history_user == staff
    assert record.history_change_reason == IMPORT_REASON
    assert worker.spells.get().history.get().history_user == staff
    assert worker.is_active
    assert worker.registered_on == date(2012, 3, 1)
    case = AidCase(worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(500),
                   granted_on=date(2012, 4, 1), entered_by=staff)
    case.full_clean()  # active from the approval date: aid may be given
    too_early = AidCase(worker=worker, kind=AidCase.Kind.LIVING, amount=Decimal(500),
                        granted_on=date(2012, 3, 10), entered_by=staff)
    with pytest.raises(Exception, match="2012"):
        too_early.full_clean()


SPOUSE = HouseholdMember.Relation.SPOUSE
HEADERS = [c.header for c in ARCHIVE_COLUMNS if c.column is not None]


def row(**cells) -> list:
    values = {"姓名": "张建华", "身份证号": worker_id_number(101), "所在工会": "县供销社工会",
              "工作状况": zh(W.EmploymentStatus.LAID_OFF), "家庭人口": 2,
              "困难类别": zh(W.HardshipLevel.EXTREME), "建档日期": "2012-03-01",
              **cells}
    return [values.get(header) for header in HEADERS]


def workbook(archives: list[list], members: list[list]) -> bytes:
    book = Workbook()
    first = book.active
    first.title = "困难职工档案"
    first.append(HEADERS)
    for cells in archives:
        first.append(cells)
    second = book.create_sheet("家庭成员")
    second.append([c.header for c in MEMBER_COLUMNS])
    for cells in members:
        second.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bad_checksum(number: int) -> str:
    good = worker_id_number(number)
    return good[:17] + ("0" if good[17] != "0" else "1")


def test_every_unreadable_cell_of_both_sheets_is_reported_at_once_and_nothing_saved(
        client, staff):
    make_union("县供销社工会")
    content = workbook([
        row(),
        row(身份证号=bad_checksum(103)),
        row(身份证号=worker_id_number(104), 工作状况="打工", 建档日期="2012-02-30"),
    ], [
        [worker_id_number(101), "刘淑芬", zh(SPOUSE), None, zh(W.Health.GOOD), "无业", 0],
        [worker_id_number(999), "王某", zh(HouseholdMember.Relation.CHILD), None, None, None,
         None],
        [worker_id_number(101), "", "亲戚", bad_checksum(101), None, None, -5],
    ])
    client.force_login(staff)
    response = upload(client, content)
    assert response.status_code == 200
    found = {(e.row, e.column) for e in response.context["errors"]}
    assert found == {(3, "身份证号"), (4, "工作状况"), (4, "建档日期"),
                     (3, "家庭成员·户主身份证号"), (4, "家庭成员·姓名"),
                     (4, "家庭成员·与户主关系"), (4, "家庭成员·身份证号"),
                     (4, "家庭成员·月收入（元）")}
    assert not HardshipWorker.objects.exists()
    assert not HouseholdMember.objects.exists()


def test_every_row_against_the_records_and_the_rules_is_reported_at_once(client, staff):
    make_union("县供销社工会")
    make_worker(102, active=False)  # an archive of this number exists
    LivingStandard.objects.create(year=2012, monthly_amount=Decimal(300))
    content = workbook([
        row(),
        row(身份证号=worker_id_number(102)),
        row(身份证号=worker_id_number(104), 所在工会="不存在的工会"),
        row(身份证号=worker_id_number(105), **{"本人月收入（元）": 5000}),
        row(身份证号=worker_id_number(106), 脱困日期="2012-06-30"),
        row(身份证号=worker_id_number(107), 审批日期="2012-02-01",
            主要致困原因=zh(W.Cause.ILLNESS), 次要致困原因=zh(W.Cause.ILLNESS)),
        row(身份证号=worker_id_number(101)),
    ], [[worker_id_number(101), "刘淑芬", zh(SPOUSE), None, None, None, None]])
    client.force_login(staff)
    response = upload(client, content)
    assert response.status_code == 200
    found = {(e.row, e.column) for e in response.context["errors"]}
    assert found == {(3, "身份证号"), (4, "所在工会"), (5, "高于低保线原因"), (6, "审批日期"),
                     (6, "脱困原因"), (7, "审批日期"), (7, "次要致困原因"), (8, "身份证号")}
    assert HardshipWorker.objects.count() == 1  # the one there before
    assert not HouseholdMember.objects.exists()


def test_a_good_file_made_by_hand_imports_archives_with_their_members(client, staff):
    make_union("县供销社工会")
    content = workbook([row(审批日期="2012-03-20", **{"本人月收入（元）": 600}),
                        row(姓名="李秀英", 身份证号=worker_id_number(107), 家庭人口=1)],
                       [[worker_id_number(101), "刘淑芬", zh(SPOUSE), None,
                         zh(W.Health.GOOD), "无业", 300]])
    client.force_login(staff)
    response = upload(client, content)
    assert response.status_code == 302
    client.post(response.url)
    zhang = HardshipWorker.objects.get(name="张建华")
    assert zhang.state == W.State.ACTIVE
    assert zhang.spells.get().started_on == date(2012, 3, 20)
    assert list(zhang.members.values_list("name", "monthly_income")) == [("刘淑芬", 300)]
    assert zhang.income_per_capita == Decimal(450)  # (600 + 300) / 2, computed
    assert HardshipWorker.objects.get(name="李秀英").state == W.State.DRAFT


# ---- who may ----

@pytest.mark.parametrize(("url", "args"), [("aid:archive-form", True),
                                           ("aid:archive-form-batch", False),
                                           ("aid:archive-export", False),
                                           ("aid:archive-export-full", False),
                                           ("aid:archives-import", False)])
def test_anonymous_visitors_and_users_without_a_role_get_nothing(db, client, url, args):
    worker = make_worker(108)
    target = reverse(url, args=[worker.pk] if args else [])
    response = client.get(target)
    assert response.status_code == 302
    assert "login" in response.url
    client.force_login(make_user())
    assert client.get(target).status_code == 403


def test_leaders_download_the_forms_and_the_masked_export_but_not_full_ids_nor_import(
        client, leader):
    worker = make_worker(109)
    client.force_login(leader)
    assert client.get(reverse("aid:archive-form", args=[worker.pk])).status_code == 200
    assert client.get(reverse("aid:archive-export")).status_code == 200
    assert client.get(reverse("aid:archive-export-full")).status_code == 403
    assert client.get(reverse("aid:archives-import")).status_code == 403
    assert upload(client, b"x").status_code == 403


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_and_admins_import_and_export_full_id_numbers(db, client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("aid:archives-import")).status_code == 200
    assert client.get(reverse("aid:archive-export-full")).status_code == 200
    template = client.get(reverse("aid:archives-import-template"))
    assert load_workbook(io.BytesIO(template.content)).sheetnames == ["困难职工档案", "家庭成员"]


# ---- queries ----

def test_the_export_takes_the_same_queries_for_any_number_of_archives(
        client, staff, leader, django_assert_max_num_queries):
    client.force_login(staff)
    archive(staff, leader, number=110)
    url = reverse("aid:archive-export-full")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for number in range(111, 121):
        archive(staff, leader, number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(sheet_rows(client.get(url).content, 0)) == 12


def test_a_batch_of_forms_takes_the_same_queries_for_any_number_of_archives(
        client, staff, leader, django_assert_max_num_queries):
    client.force_login(leader)
    archive(staff, leader, number=130)
    url = reverse("aid:archive-form-batch")
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for number in range(131, 136):
        archive(staff, leader, number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(Document(io.BytesIO(client.get(url).content)).sections) == 6


def test_a_members_sheet_cell_beyond_the_limit_refuses_the_file(client, staff, settings):
    make_union("县供销社工会")
    content = workbook([row()], [[worker_id_number(101), "刘淑芬", zh(SPOUSE), None, None,
                                  "学" * (settings.IMPORT_MAX_CELL_CHARS + 1), None]])
    client.force_login(staff)
    response = upload(client, content)
    assert response.status_code == 200
    assert [(e.row, e.column) for e in response.context["errors"]] == [(2, "家庭成员")]
    assert not HardshipWorker.objects.exists()
