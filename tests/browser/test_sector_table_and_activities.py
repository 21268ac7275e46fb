"""In a real browser: the sector table and its chart render offline under the CSP; staff enter
a return and an activity from the keyboard-first forms."""

from datetime import date

from accounts.roles import Role
from activities.models import Activity
from economy import demo as economy_demo
from economy.models import ValueAddedReturn
from tests.browser.conftest import sign_in
from tests.support.factories import make_user
from unions.models import Union


def make_unions() -> None:
    for name in ("嘉荫县林业局工会", "嘉荫县农场工会", "朝阳镇工会", "嘉荫县医院工会"):
        Union.objects.create(name=name, kind=Union.Kind.STATE_OWNED,
                             established_on=date(2005, 3, 1))


def test_leader_reads_the_sector_table_with_its_chart(page, live_server):
    make_unions()
    economy_demo.load()
    make_user(Role.LEADER, "leader", full_name="李主席")
    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    sign_in(page, live_server, "leader")
    page.get_by_role("link", name="职工自营经济").first.click()
    page.get_by_label("起").fill("2012-01-01")
    page.get_by_label("止").fill("2012-06-30")
    page.get_by_role("button", name="查询").click()
    total = page.get_by_test_id("sector-total")
    assert "17414.61万元" in total.inner_text()
    assert "完成全年任务54.5%" in page.get_by_test_id("completion").inner_text()
    chart = page.get_by_test_id("sector-chart")
    assert chart.locator("rect").count() == 8
    assert chart.bounding_box()["width"] > 300
    assert page.get_by_role("button", name="新增增加值报表").count() == 0
    assert violations == []


def test_staff_enter_a_return_and_see_it_in_the_list(page, live_server):
    make_unions()
    make_user(Role.STAFF, "staff", full_name="张工作")
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/economy/returns/new/")
    page.locator("#id_union").press_sequentially("zyz", delay=50)  # picked as you type
    page.locator("#id_union-results [role=option]").first.wait_for()
    page.locator("#id_union").press("Enter")
    page.locator("#id_sector").select_option(label="工业")
    page.locator("#id_period_start").fill("2012-01-01")
    page.locator("#id_period_end").fill("2012-06-30")
    page.locator("#id_value_added").fill("1250000")
    page.get_by_role("button", name="保存").click()
    assert "增加值报表已保存。" in page.locator("main").inner_text()
    assert ValueAddedReturn.objects.get().value_added == 1250000
    page.get_by_role("link", name="增加值报表").first.click()
    assert "朝阳镇工会" in page.get_by_test_id("return-list").inner_text()


def test_staff_record_an_activity(page, live_server):
    make_unions()
    make_user(Role.STAFF, "staff", full_name="张工作")
    sign_in(page, live_server, "staff")
    page.get_by_role("link", name="文体活动").first.click()
    page.get_by_role("link", name="新增文体活动").click()
    page.locator("#id_title").fill("嘉荫县第七届“信合杯”乒乓球赛")
    page.locator("#id_kind").select_option(label="体育")
    page.locator("#id_edition").fill("7")
    page.locator("#id_cup").fill("信合杯")
    page.locator("#id_held_on").fill("2012-01-14")
    page.locator("#id_co_organisers").fill("团县委、文体局")
    page.get_by_role("button", name="保存").click()
    assert "文体活动已保存。" in page.locator("main").inner_text()
    assert Activity.objects.get().edition == 7
