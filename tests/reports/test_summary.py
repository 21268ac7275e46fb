"""The 2012 first-half summary of the demo county, assembled from the records."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from accounts.models import User
from aid.models import AidCase
from core.periods import Period
from reports import demo, services
from reports.exports import docx_bytes
from reports.models import Publication, Summary
from tests.support.factories import make_user
from unions.models import Union

H1_2012 = Period(2012, "h1")
SUMMARY_URL = "/reports/2012/h1/"

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


def visible_text(html: str) -> str:
    """The page's words as a reader sees them, without the year-earlier comparisons."""
    html = re.sub(r'<small class="comparison[^"]*"[^>]*>.*?</small>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


class DemoSummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()
        cls.leader = User.objects.get(username="leader")
        cls.staff = User.objects.get(username="staff")
        cls.admin = User.objects.get(username="admin")

    def page(self, user=None, url=SUMMARY_URL) -> str:
        self.client.force_login(user or self.leader)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_page_shows_every_figure_of_the_seed(self):
        page = visible_text(self.page())
        missing = [figure for figure in SEED_FIGURES if figure not in page]
        self.assertEqual(missing, [])
        self.assertIn("嘉荫县总工会2012年上半年工作总结", page)

    def test_the_word_file_holds_every_figure_of_the_seed(self):
        self.client.force_login(self.leader)
        response = self.client.get(SUMMARY_URL + "docx")
        self.assertEqual(response.status_code, 200)
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        missing = [figure for figure in SEED_FIGURES if figure not in text]
        self.assertEqual(missing, [])

    def test_the_workbook_tables_add_up(self):
        self.client.force_login(self.staff)
        response = self.client.get(SUMMARY_URL + "xlsx")
        workbook = load_workbook(io.BytesIO(response.content))
        self.assertEqual(len(workbook.sheetnames), 4)
        economy = list(workbook.worksheets[0].iter_rows(min_row=3, values_only=True))
        *sectors, total = economy
        self.assertEqual(round(sum(row[1] for row in sectors), 2), total[1])
        self.assertEqual(total[1], 17414.61)
        aid = list(workbook.worksheets[2].iter_rows(min_row=3, values_only=True))
        self.assertEqual(sum(row[2] for row in aid[1:4]), aid[4][2])
        self.assertEqual(aid[4][2], 70000)

    def test_figures_link_to_the_records_behind_them(self):
        page = self.page()
        self.assertIn('href="/aid/cases/?start=2012-01-01&amp;end=2012-06-30&amp;kind=relief'
                      '&amp;status=counted"', page)
        response = self.client.get("/aid/cases/?start=2012-01-01&end=2012-06-30&kind=relief"
                                   "&status=counted")
        self.assertEqual(response.status_code, 200)

    def test_each_figure_shows_the_same_period_a_year_earlier(self):
        document = services.assemble(H1_2012).document
        compared = [part for section in document["sections"] for paragraph in section["paragraphs"]
                    for part in paragraph if part.get("previous")]
        self.assertGreater(len(compared), 20)
        self.assertIn("上年同期", self.page())

    def test_pending_cases_are_warned_about_and_not_counted(self):
        page = self.page()
        self.assertIn("本期有 3 条救助记录（9,500元）尚未审批，未计入统计。", page)
        word = Document(io.BytesIO(docx_bytes(services.assemble(H1_2012).document)))
        self.assertNotIn("本期有", "\n".join(p.text for p in word.paragraphs))

    def test_a_union_without_a_return_is_warned_about(self):
        Union.objects.create(name="嘉荫县新建物流公司工会", kind=Union.Kind.PRIVATE,
                             established_on=H1_2012.start)
        self.assertIn("有 1 个在册工会在期末前没有填报会员人数", self.page())

    def test_publish_freezes_the_document_while_the_live_page_follows_the_records(self):
        self.client.force_login(self.leader)
        response = self.client.post(SUMMARY_URL + "publish/")
        publication = Publication.objects.get()
        self.assertRedirects(response, publication.get_absolute_url())
        published_docx = self.client.get(publication.get_absolute_url() + "docx").content

        pending = (AidCase.objects.filter(granted_on__range=(H1_2012.start, H1_2012.end),
                                          status__in=[AidCase.Status.DRAFT,
                                                      AidCase.Status.SUBMITTED])
                   .exclude(kind=AidCase.Kind.VISIT).first())
        self.assertIsNotNone(pending)
        AidCase.objects.filter(pk=pending.pk).update(status=AidCase.Status.APPROVED,
                                                     approved_by=self.leader)

        live = self.page()
        self.assertNotIn("发放救助资金70,000元", visible_text(live))
        self.assertIn("自该版本发布以来，以下数字有变化", live)
        published = visible_text(self.page(url=publication.get_absolute_url()))
        self.assertIn("发放救助资金70,000元", published)
        again = self.client.get(publication.get_absolute_url() + "docx").content
        text = "\n".join(p.text for p in Document(io.BytesIO(again)).paragraphs)
        self.assertIn("发放救助资金70,000元", text)
        self.assertEqual(Document(io.BytesIO(published_docx)).paragraphs[0].text,
                         Document(io.BytesIO(again)).paragraphs[0].text)

    def test_a_second_publication_is_a_new_version_and_the_first_stays(self):
        first = services.summary_publish(period=H1_2012, by=self.leader)
        Summary.objects.filter(pk=first.summary_id).update(opening="新的开篇。")
        second = services.summary_publish(period=H1_2012, by=self.leader)
        self.assertEqual((first.number, second.number), (1, 2))
        first.refresh_from_db()
        self.assertNotIn("新的开篇。", first.document["opening"])
        self.assertEqual(second.document["opening"], "新的开篇。")

    def test_only_leaders_publish(self):
        for user in (self.staff, self.admin):
            self.client.force_login(user)
            self.assertEqual(self.client.post(SUMMARY_URL + "publish/").status_code, 403)
        self.assertFalse(Publication.objects.exists())

    def test_a_published_version_cannot_be_changed(self):
        publication = services.summary_publish(period=H1_2012, by=self.leader)
        publication.document = {}
        with self.assertRaises(ValidationError):
            publication.save()
        with self.assertRaises(ValidationError):
            publication.delete()

    def test_staff_edit_the_narrative_and_the_page_shows_it(self):
        self.client.force_login(self.staff)
        summary = Summary.objects.get(year=2012, half="h1")
        data = {name: getattr(summary, name) for name in Summary.NARRATIVE_FIELDS}
        data.update(remark_aid="慰问做到入户见人。", version=summary.version)
        response = self.client.post(SUMMARY_URL + "edit/", data)
        self.assertRedirects(response, SUMMARY_URL)
        self.assertIn("慰问做到入户见人。", self.page(self.staff))

    def test_a_stale_narrative_edit_is_refused(self):
        self.client.force_login(self.staff)
        summary = Summary.objects.get(year=2012, half="h1")
        data = {name: getattr(summary, name) for name in Summary.NARRATIVE_FIELDS}
        Summary.objects.filter(pk=summary.pk).update(version=summary.version + 1,
                                                     plans="别人写的要点。")
        data.update(plans="我的要点。", version=summary.version)
        response = self.client.post(SUMMARY_URL + "edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("已有其他人保存了修改", response.content.decode())
        summary.refresh_from_db()
        self.assertEqual(summary.plans, "别人写的要点。")

    def test_admins_do_not_edit_the_narrative(self):
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get(SUMMARY_URL + "edit/").status_code, 403)

    def test_the_period_list_shows_the_years_with_records(self):
        page = self.page(url="/reports/")
        self.assertIn("2012年上半年", page)
        self.assertIn("2011年上半年", page)

    def test_an_unknown_period_is_a_404(self):
        self.client.force_login(self.leader)
        self.assertEqual(self.client.get("/reports/2012/h3/").status_code, 404)

    def test_assembly_queries_do_not_grow_with_data(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small:
            services.assemble(H1_2012)
        worker = AidCase.objects.select_related("worker").first().worker
        AidCase.objects.bulk_create(
            AidCase(worker=worker, kind=AidCase.Kind.MEDICAL, method=AidCase.Method.ON_SITE,
                    amount=Decimal(100), granted_on=H1_2012.start, entered_by=self.staff,
                    status=AidCase.Status.DRAFT)
            for _ in range(200)
        )
        for index in range(30):
            Union.objects.create(name=f"测试工会{index}", kind=Union.Kind.PRIVATE,
                                 established_on=H1_2012.start)
        with CaptureQueriesContext(connection) as large:
            services.assemble(H1_2012)
        self.assertEqual(len(small), len(large))
        self.assertLessEqual(len(large), 60)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(SUMMARY_URL)
    assert response.status_code == 302
    assert reverse("login") in response.url


@pytest.mark.django_db
def test_a_user_without_a_role_may_not_read_summaries(client):
    client.force_login(make_user())
    assert client.get("/reports/").status_code == 403


class EnglishInterfaceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load()

    def test_the_document_stays_chinese_when_the_interface_is_english(self):
        self.client.force_login(User.objects.get(username="leader"))
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = self.client.get(SUMMARY_URL).content.decode()
        self.assertIn("Check before publishing", page)
        self.assertIn("嘉荫县总工会2012年上半年工作总结", page)
        self.assertIn("农林牧渔业", page)
        self.assertNotIn("first half of 2012", page)


@pytest.mark.django_db
def test_admins_rename_the_federation_and_the_title_follows(client, admin_user):
    from reports.models import Federation

    federation = Federation.current()
    client.force_login(admin_user)
    response = client.post(f"/admin/reports/federation/{federation.pk}/change/",
                           {"name": "汤旺县总工会", "superior": "伊春市总工会"})
    assert response.status_code == 302
    assert services.assemble(H1_2012).document["title"] == "汤旺县总工会2012年上半年工作总结"


@pytest.mark.django_db
def test_published_versions_are_read_only_in_the_admin(client, admin_user, leader):
    publication = services.summary_publish(period=H1_2012, by=leader)
    client.force_login(admin_user)
    url = f"/admin/reports/publication/{publication.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Publication.objects.filter(pk=publication.pk).exists()
