"""The three user journeys of DESIGN §1, end to end in Chromium on the demo county.

On failure the page's last state is saved under var/screenshots/ (tests/browser/conftest.py).
"""

from datetime import date

from docx import Document

from aid.models import AidCase, HardshipWorker
from reports import demo
from tests.browser.conftest import screenshot_path, sign_in
from tests.support.factories import activate, valid_id
from tests.support.workbooks import xlsx
from unions.models import Union

NEW_ID = valid_id("23072219720815002")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_staff_enters_a_case_and_the_leader_approves_publishes_and_downloads_it(
        page, live_server):
    demo.load()
    union = Union.objects.filter(dissolved_on__isnull=True).order_by("name").first()
    page.on("dialog", lambda dialog: dialog.accept())

    # Staff: a new hardship-worker archive, then a relief case for her, submitted.
    sign_in(page, live_server, "staff", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/aid/workers/new/")
    page.fill("input[name=name]", "欧阳翠兰")
    page.fill("input[name=id_number]", NEW_ID)
    page.select_option("select[name=union]", str(union.pk))
    page.select_option("select[name=employment_status]", "laid_off")
    page.select_option("select[name=hardship_level]", "extreme")
    page.fill("input[name=household_size]", "3")
    page.fill("input[name=own_monthly_income]", "780")
    page.fill("input[name=registered_on]", "2012-02-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/aid/workers/*/")
    worker = HardshipWorker.objects.get(id_number=NEW_ID)
    assert NEW_ID in page.get_by_test_id("id-number").inner_text()
    # Its survey, notice and approval are the archive flow's test (test_archive_flow.py).
    activate(worker, on=date(2012, 2, 1))

    page.goto(f"{live_server.url}/aid/cases/new/")
    search = page.locator("[data-worker-query]")
    search.press_sequentially("欧阳翠兰", delay=50)
    page.get_by_role("option").filter(has_text=worker.masked_id_number).click()
    assert page.locator("[data-worker-value]").input_value() == str(worker.pk)
    page.select_option("select[name=kind]", "living")
    page.fill("input[name=amount]", "2000")
    page.fill("input[name=granted_on]", "2012-05-10")
    page.get_by_test_id("save-case").click()
    page.wait_for_url("**/aid/cases/*/")
    page.get_by_test_id("submit-case").click()
    page.wait_for_selector("[data-status=submitted]")
    case = AidCase.objects.get(worker=worker)
    assert case.status == AidCase.Status.SUBMITTED
    page.get_by_role("button", name="退出登录").click()

    # Leader: approve it, read the summary (now 22 relieved workers), publish, download Word.
    sign_in(page, live_server, "leader", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/aid/cases/queue/")
    page.locator(f"tr[data-case='{case.pk}']").get_by_test_id("approve-case").click()
    page.get_by_test_id("to-pay-table").wait_for()
    case.refresh_from_db()
    assert case.status == AidCase.Status.APPROVED

    page.goto(f"{live_server.url}/reports/2012/h1/")
    assert "救助困难职工22人" in page.get_by_test_id("section-aid").inner_text()
    page.get_by_test_id("publish").click()
    page.get_by_test_id("acknowledge").check()
    page.get_by_test_id("confirm-publish").click()
    page.wait_for_url(f"{live_server.url}/reports/2012/h1/v1/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word 文档").click()
    word = Document(str(download_info.value.path()))
    assert "救助困难职工22人" in "\n".join(p.text for p in word.paragraphs)


COUNTS_HEADERS = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工",
                  "新入会会员"]


def test_admin_imports_headcounts_and_sees_the_union_totals_change(page, live_server):
    demo.load()
    union = Union.objects.filter(dissolved_on__isnull=True).order_by("name").first()
    latest = union.headcount_returns.order_by("-as_of").first()
    sign_in(page, live_server, "admin", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/unions/")
    before = int(page.get_by_test_id("total-members").inner_text().replace(",", ""))

    page.get_by_test_id("import-link").click()
    page.set_input_files("input[type=file]", files=[{
        "name": "人数更新.xlsx", "mimeType": XLSX,
        "buffer": xlsx([[union.name, date.today(), latest.members + 7, latest.employed + 7,
                         latest.laid_off, 7]], COUNTS_HEADERS),
    }])
    page.locator("main form[enctype] button[type=submit]").click()
    page.get_by_test_id("confirm-import").click()
    page.wait_for_url(f"{live_server.url}/unions/")
    after = int(page.get_by_test_id("total-members").inner_text().replace(",", ""))
    assert after == before + 7


def test_screenshots_are_named_after_the_failing_test():
    assert screenshot_path("tests/browser/test_x.py::test_y[a b]").name == "test_y_a_b_.png"
