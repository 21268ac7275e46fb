"""The 2012 first-half summary of the demo county, assembled from the records."""

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pytest_django.asserts import assertRedirects

from accounts.models import User
from aid.models import AidCase
from core.periods import Period
from reports import frozen, services
from reports.document import SCHEMA, Figure
from reports.exports import docx_bytes
from reports.models import Publication, Summary
from tests.reports.pages import narrative_data, visible_text, word_text
from tests.support.factories import make_user
from unions.models import Union

pytestmark = pytest.mark.django_db

H1_2012 = Period(2012, "h1")
SUMMARY_URL = "/reports/2012/h1/"
# The demo's 2012 H1 summary as the first two document versions froze it (schema 1 has no
# `schema` key; schema 2 added values, units and year-earlier values).
FIXTURES = Path(__file__).parent / "fixtures"
FIRST_SCHEMA = FIXTURES / "publication_schema1_2012_h1.json"
SECOND_SCHEMA = FIXTURES / "publication_schema2_2012_h1.json"

# Every figure of the seed (DESIGN §1), as the summary writes it.
SEED_FIGURES = [
    "8747人", "6759人", "1988人",
    "17414.61万元", "1729.66万元", "8815.28万元", "1491.46万元", "1911.37万元",
    "1532.73万元", "489.87万元", "272.66万元", "1171.58万元", "54.5%",
    "30名处级领导", "30个帮扶单位", "帮扶困难职工26个", "帮扶创业基地4个", "启动帮扶项目30个",
    "养殖业6个", "种植业7个", "加工业2个", "商服业13个", "运输业2个",
    "25万元", "20万元", "24名困难职工", "24个创业项目",
    "131个基层党支部", "107名困难学生", "2.568万元",
    "特困职工133人", "慰问金6.65万元", "救助困难职工21人", "70,000元", "28,000元",
    "32,000元", "10,000元",
    "基层工会组织121个", "会员10220人", "新建工会组织2个", "私营企业1个", "新入会会员41人",
    "嘉荫县酒店、餐饮服务行业联合工会", "嘉荫县美容、美发、洗浴网吧行业联合工会",
    "嘉荫县商业零售行业联合工会", "嘉荫县加工、制造、建筑行业联合工会", "4个行业工会联合会",
    "第七届“信合杯”乒乓球赛", "第三届“邮储银行杯”环城赛", "“十佳歌手”大奖赛",
]


def confirm(client, url: str = SUMMARY_URL) -> dict[str, str]:
    """The publish confirmation's form as the leader sends it: what it showed, acknowledged."""
    page = client.get(url + "publish/")
    assert page.status_code == 200
    return {"fingerprint": page.context["form"].initial["fingerprint"], "acknowledged": "on"}


@pytest.fixture
def users(demo_county) -> dict[str, User]:
    """The demo's staff, leader and admin, by username (the county: tests/conftest.py)."""
    return demo_county.users


@pytest.fixture
def read(client, users):
    """GET a page as a user (the leader unless told), asserting a 200; returns the HTML."""
    def page(user: User | None = None, url: str = SUMMARY_URL) -> str:
        client.force_login(user or users["leader"])
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    return page


def test_the_page_shows_every_figure_of_the_seed(read):
    page = visible_text(read())
    missing = [figure for figure in SEED_FIGURES if figure not in page]
    assert missing == []
    assert "嘉荫县总工会2012年上半年工作总结" in page
    assert "伊春市总工会：" in page  # the addressee (主送)
    sign_off = page[page.index("二、下半年工作要点"):]
    assert "嘉荫县总工会" in sign_off
    assert "2012年7月6日" in sign_off


def test_the_word_file_holds_every_figure_of_the_seed(client, users):
    client.force_login(users["leader"])
    response = client.get(SUMMARY_URL + "docx")
    assert response.status_code == 200
    text = word_text(response.content)
    missing = [figure for figure in SEED_FIGURES if figure not in text]
    assert missing == []
    lines = text.split("\n")
    assert lines[1] == "伊春市总工会："
    assert lines[-2:] == ["嘉荫县总工会", "2012年7月6日"]


def test_the_workbook_tables_add_up(client, users):
    client.force_login(users["staff"])
    response = client.get(SUMMARY_URL + "xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    economy = list(workbook.worksheets[0].iter_rows(min_row=3, values_only=True))
    *sectors, total = economy
    assert round(sum(row[1] for row in sectors), 2) == total[1]
    assert total[1] == 17414.61
    aid = list(workbook.worksheets[2].iter_rows(min_row=3, values_only=True))
    assert sum(row[2] for row in aid[1:4]) == aid[4][2]
    assert aid[4][2] == 70000
    assert aid[6][0].startswith("注：人数按人计算")  # 10 + 7 + 5 people, 21 in all


def test_figures_link_to_the_records_behind_them(client, read):
    page = read()
    assert ('href="/aid/cases/?reported_from=2012-01-01&amp;reported_to=2012-06-30'
            '&amp;kind=relief&amp;status=counted"') in page
    response = client.get("/aid/cases/?reported_from=2012-01-01&reported_to=2012-06-30"
                          "&kind=relief&status=counted")
    assert response.status_code == 200
    assert response.context["totals"]["workers"] == 21


def test_every_figure_has_a_link(demo_county):
    figures = services.assemble(H1_2012).document.figures()
    assert len(figures) > 48
    assert all(isinstance(figure, Figure) and figure.url for figure in figures)


def test_each_figure_shows_the_same_period_a_year_earlier_beside_the_text(read):
    document = services.assemble(H1_2012).document
    compared = [figure for figure in document.figures() if figure.previous]
    assert len(compared) > 20
    assert all(figure.before is not None and figure.unit for figure in compared)
    page = read()
    assert "8747人</strong>：上年同期8835人，同比下降1%" in page
    article = page[page.index('data-testid="summary-document"'):page.index("</article>")]
    assert "上年同期" not in visible_text(article)  # beside the sentences, never inside
    hidden = read(url=SUMMARY_URL + "?compare=0")
    assert "上年同期8835人" not in hidden


def test_pending_cases_are_warned_about_and_not_counted(read):
    page = read()
    assert "本期有 3 条救助记录（9,500元）尚未审批，未计入统计。" in page
    assert ("/aid/cases/?reported_from=2012-01-01&amp;reported_to=2012-06-30"
            "&amp;status=pending") in page
    word = word_text(docx_bytes(services.assemble(H1_2012).document, draft=True))
    assert "本期有" not in word


def test_a_union_without_a_return_is_warned_about(read):
    Union.objects.create(name="嘉荫县新建物流公司工会", kind=Union.Kind.PRIVATE,
                         established_on=H1_2012.start)
    assert "有 1 个在册工会在期末前没有填报会员人数" in read()


def test_publish_freezes_the_document_while_the_live_page_follows_the_records(client, users,
                                                                              read):
    client.force_login(users["leader"])
    response = client.post(SUMMARY_URL + "publish/", confirm(client))
    publication = Publication.objects.get()
    assertRedirects(response, publication.get_absolute_url())
    assert publication.document["schema"] == SCHEMA
    published_docx = client.get(publication.get_absolute_url() + "docx").content

    pending = (AidCase.objects.filter(granted_on__range=(H1_2012.start, H1_2012.end),
                                      status__in=[AidCase.Status.DRAFT,
                                                  AidCase.Status.SUBMITTED])
               .exclude(kind=AidCase.Kind.VISIT).first())
    assert pending is not None
    AidCase.objects.filter(pk=pending.pk).update(status=AidCase.Status.APPROVED,
                                                 approved_by=users["leader"])

    live = read()
    assert "救助资金70,000元" not in visible_text(live)
    assert "自该版本发布以来，以下数字有变化" in live
    published = visible_text(read(url=publication.get_absolute_url()))
    assert "救助资金70,000元（已发放60,000元）" in published
    again = client.get(publication.get_absolute_url() + "docx").content
    assert "救助资金70,000元（已发放60,000元）" in word_text(again)
    assert (Document(io.BytesIO(published_docx)).paragraphs[0].text
            == Document(io.BytesIO(again)).paragraphs[0].text)


def test_a_second_publication_is_a_new_version_and_the_first_stays(users):
    first = services.summary_publish(period=H1_2012, by=users["leader"])
    Summary.objects.filter(pk=first.summary_id).update(opening="新的开篇。")
    second = services.summary_publish(period=H1_2012, by=users["leader"])
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert "新的开篇。" not in first.document["opening"]
    assert second.document["opening"] == "新的开篇。"


def test_only_leaders_publish(client, users):
    for user in (users["staff"], users["admin"]):
        client.force_login(user)
        assert client.get(SUMMARY_URL + "publish/").status_code == 403
        assert client.post(SUMMARY_URL + "publish/").status_code == 403
    assert not Publication.objects.exists()


def test_a_published_version_cannot_be_changed(users):
    publication = services.summary_publish(period=H1_2012, by=users["leader"])
    publication.document = {}
    with pytest.raises(ValidationError):
        publication.save()
    with pytest.raises(ValidationError):
        publication.delete()


def test_staff_edit_the_narrative_and_the_page_shows_it(client, users, read):
    client.force_login(users["staff"])
    summary = Summary.objects.get(year=2012, half="h1")
    data = narrative_data(summary)
    data.update(remark_aid="慰问做到入户见人。")
    response = client.post(SUMMARY_URL + "edit/", data)
    assertRedirects(response, SUMMARY_URL)
    assert "慰问做到入户见人。" in read(users["staff"])


def test_a_stale_narrative_edit_is_refused(client, users):
    client.force_login(users["staff"])
    summary = Summary.objects.get(year=2012, half="h1")
    data = narrative_data(summary)
    Summary.objects.filter(pk=summary.pk).update(version=summary.version + 1,
                                                 plans="别人写的要点。")
    data.update(plans="我的要点。")
    response = client.post(SUMMARY_URL + "edit/", data)
    assert response.status_code == 200
    assert "已有其他人保存了修改" in response.content.decode()
    summary.refresh_from_db()
    assert summary.plans == "别人写的要点。"


def test_admins_do_not_edit_the_narrative(client, users):
    client.force_login(users["admin"])
    assert client.get(SUMMARY_URL + "edit/").status_code == 403


def test_the_period_list_shows_the_years_with_records(read):
    page = read(url="/reports/")
    assert "2012年上半年" in page
    assert "2011年上半年" in page


def test_an_unknown_period_is_a_404(client, users):
    client.force_login(users["leader"])
    assert client.get("/reports/2012/h3/").status_code == 404


FIGURE_QUERIES = 60  # the summary page: two periods' figures, the trend, the narrative


def test_the_page_makes_the_same_few_queries_on_more_data(client, users,
                                                          django_assert_max_num_queries):
    client.force_login(users["leader"])
    client.get(SUMMARY_URL)  # sessions and the federation row settle
    with CaptureQueriesContext(connection) as small:
        assert client.get(SUMMARY_URL).status_code == 200
    worker = AidCase.objects.select_related("worker").first().worker
    AidCase.objects.bulk_create(
        AidCase(worker=worker, kind=AidCase.Kind.MEDICAL, method=AidCase.Method.ON_SITE,
                amount=Decimal(100), granted_on=H1_2012.start, entered_by=users["staff"],
                status=AidCase.Status.DRAFT)
        for _ in range(200)
    )
    for index in range(30):
        Union.objects.create(name=f"测试工会{index}", kind=Union.Kind.PRIVATE,
                             established_on=H1_2012.start)
    with django_assert_max_num_queries(len(small)):
        assert client.get(SUMMARY_URL).status_code == 200
    assert len(small) <= FIGURE_QUERIES


def test_assembly_queries_do_not_grow_with_data(users, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as small:
        services.assemble(H1_2012)
    for index in range(30):
        Union.objects.create(name=f"测试工会{index}", kind=Union.Kind.PRIVATE,
                             established_on=H1_2012.start)
    with django_assert_max_num_queries(len(small)):
        services.assemble(H1_2012)


def test_a_document_frozen_as_json_reads_back_the_same(demo_county):
    document = services.assemble(H1_2012).document
    data = json.loads(json.dumps(frozen.dump(document)))
    assert data["schema"] == SCHEMA
    assert frozen.load(data) == document


@pytest.fixture
def publications(users) -> dict[int, Publication]:
    """Versions 1 and 2 frozen by the first two document schemas (the fixtures), version 3 by
    today's."""
    summary = services.summary_for(H1_2012)
    made = {number: Publication.objects.create(
        summary=summary, number=number, published_by=users["leader"],
        document=json.loads(path.read_text(encoding="utf-8")))
        for number, path in ((1, FIRST_SCHEMA), (2, SECOND_SCHEMA))}
    made[3] = services.summary_publish(period=H1_2012, by=users["leader"])
    return made


@pytest.mark.parametrize(("number", "schema"), [(1, 1), (2, 2), (3, SCHEMA)])
def test_a_publication_renders_whichever_schema_froze_it(client, read, publications, number,
                                                          schema):
    publication = publications[number]
    assert publication.document.get("schema", 1) == schema
    url = publication.get_absolute_url()
    page = visible_text(read(url=url))
    assert [figure for figure in SEED_FIGURES if figure not in page] == []
    assert "嘉荫县总工会2012年上半年工作总结" in page

    word = Document(io.BytesIO(client.get(url + "docx").content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert [figure for figure in SEED_FIGURES if figure not in text] == []
    assert word.tables[0].cell(9, 1).text == "17,414.61"
    assert "草稿" not in word.sections[0].header._element.xml  # published: no draft mark

    response = client.get(url + "xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 4
    *sectors, total = list(workbook.worksheets[0].iter_rows(min_row=3, values_only=True))[:9]
    assert round(sum(row[1] for row in sectors), 2) == total[1] == 17414.61
    aid = list(workbook.worksheets[2].iter_rows(min_row=3, values_only=True))
    assert sum(row[2] for row in aid[1:4]) == aid[4][2] == 70000


def test_the_live_page_lists_the_figures_changed_since_the_latest_version(users, read):
    services.summary_publish(period=H1_2012, by=users["leader"])
    assert "自该版本发布以来" not in read()
    AidCase.objects.filter(granted_on__range=(H1_2012.start, H1_2012.end),
                           kind=AidCase.Kind.MEDICAL).update(status=AidCase.Status.DRAFT)
    notice = read()
    assert "自该版本发布以来，以下数字有变化" in notice
    assert "70,000元 → 38,000元" in notice
    assert "32,000元 → —" in notice


def test_a_first_schema_publication_is_compared_by_the_figures_it_stated(users, read):
    Publication.objects.create(
        summary=services.summary_for(H1_2012), number=1, published_by=users["leader"],
        document=json.loads(FIRST_SCHEMA.read_text(encoding="utf-8")))
    first = services.changed_since(Publication.objects.get(), services.assemble(H1_2012).document)
    assert first == [("0户", "—")]  # "目前已脱贫0户" is no longer written
    AidCase.objects.filter(granted_on__range=(H1_2012.start, H1_2012.end),
                           kind=AidCase.Kind.MEDICAL).update(status=AidCase.Status.DRAFT)
    assert "32,000元 → —" in read()


def test_the_document_stays_chinese_when_the_interface_is_english(client, users):
    client.force_login(users["leader"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(SUMMARY_URL).content.decode()
    assert "Check before publishing" in page
    assert "嘉荫县总工会2012年上半年工作总结" in page
    assert "农林牧渔业" in page
    assert "first half of 2012" not in page
    document = page[page.index('data-testid="summary-document"'):page.index("</article>")]
    assert "a year earlier" not in document  # the "（a year earlier 8926人，−179人）"
    assert "上年同期8835人，同比下降1%" in document
    assert not re.search(r"[A-Za-z]{3,}", visible_text(document.split(">", 1)[1]))


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(SUMMARY_URL)
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_a_user_without_a_role_may_not_read_summaries(client):
    client.force_login(make_user())
    assert client.get("/reports/").status_code == 403


def test_admins_rename_the_federation_and_the_title_follows(client, admin_user):
    from reports.models import Federation

    federation = Federation.current()
    client.force_login(admin_user)
    response = client.post(f"/admin/reports/federation/{federation.pk}/change/",
                           {"name": "汤旺县总工会", "addressee": "伊春市总工会"})
    assert response.status_code == 302
    document = services.assemble(H1_2012).document
    assert document.title == "汤旺县总工会2012年上半年工作总结"
    assert document.addressee == "伊春市总工会"


def test_published_versions_are_read_only_in_the_admin(client, admin_user, leader):
    publication = services.summary_publish(period=H1_2012, by=leader)
    client.force_login(admin_user)
    url = f"/admin/reports/publication/{publication.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Publication.objects.filter(pk=publication.pk).exists()


def test_the_organisation_part_gives_the_annual_statistics_indicators(read):
    text = visible_text(read())
    assert "全县会员中女职工会员4354人、农民工会员871人" in text
    assert "已签订集体合同的工会59个，签订工资专项集体合同的工会36个" in text
    assert "5个工会委员会任期届满尚未换届" in text


def test_the_unions_table_says_nobody_is_counted_twice():
    unions = next(t for t in services.assemble(H1_2012).document.tables if t.key == "unions")
    assert "没有会员被重复统计" in unions.note
