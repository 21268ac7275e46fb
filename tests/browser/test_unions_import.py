from datetime import date

from accounts.roles import Role
from tests.browser.conftest import sign_in
from tests.support.factories import make_headcount_return, make_union, make_user
from tests.support.workbooks import xlsx
from unions.models import HeadcountReturn

COUNTS_HEADERS = ["工会名称或统一社会信用代码", "统计日期", "会员人数", "在职职工", "下岗职工",
                  "新入会会员"]


def test_admin_imports_counts_from_a_workbook_and_sees_the_new_totals(page, live_server):
    make_user(Role.ADMIN, "admin", full_name="王管理")
    finance = make_union(name="嘉荫县财政局工会")
    hospital = make_union(name="嘉荫县人民医院工会")
    make_headcount_return(finance, date(2011, 12, 31), members=45, employed=38, laid_off=0)
    make_headcount_return(hospital, date(2011, 12, 31), members=339, employed=279, laid_off=4)
    sign_in(page, live_server, "admin")

    page.goto(f"{live_server.url}/unions/")
    assert page.get_by_test_id("total-members").inner_text() == "384"

    page.get_by_test_id("import-link").click()
    page.set_input_files("input[type=file]", files=[{
        "name": "2012年6月人数.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": xlsx([["嘉荫县财政局工会", date(2012, 6, 30), 47, 39, 0, 2],
                        ["嘉荫县人民医院工会", date(2012, 6, 30), 350, 281, 5, 11]],
                       COUNTS_HEADERS),
    }])
    page.locator("main form[enctype] button[type=submit]").click()

    preview = page.get_by_test_id("import-preview")
    assert "2" in preview.inner_text()
    assert HeadcountReturn.objects.count() == 2  # nothing saved before the confirmation
    page.get_by_test_id("confirm-import").click()

    page.wait_for_url(f"{live_server.url}/unions/")
    assert "2012年6月人数.xlsx" in page.locator(".alert-success").inner_text()
    assert page.get_by_test_id("total-members").inner_text() == "397"
    assert page.get_by_test_id("total-workers").inner_text() == "325"
    assert HeadcountReturn.objects.count() == 4
