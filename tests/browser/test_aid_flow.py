"""Staff enters a relief case by typing part of a worker's name; a leader approves and pays it."""

from datetime import date

from accounts.roles import Role
from aid.models import AidCase, HardshipWorker
from aid.validators import resident_id_checksum
from tests.browser.conftest import sign_in
from tests.support.factories import activate, make_user
from unions.models import Union


def make_worker(name: str, body17: str, union: Union) -> HardshipWorker:
    return activate(HardshipWorker.objects.create(  # an approved archive: aid may be granted
        name=name, id_number=body17 + resident_id_checksum(body17), union=union,
        employment_status="laid_off", hardship_level="extreme", registered_on=date(2010, 3, 1)))


def test_relief_case_from_fast_entry_to_paid(page, live_server):
    make_user(Role.STAFF, "staff", full_name="张工作")
    make_user(Role.LEADER, "leader", full_name="李主席")
    union = Union.objects.create(name="嘉荫县林业局工会", kind="state_owned",
                                 established_on=date(2001, 5, 1))
    worker = make_worker("欧阳秀英", "23072219680305002", union)
    make_worker("欧阳建国", "23072219660917001", union)
    page.on("dialog", lambda dialog: dialog.accept())

    # Staff: fast entry, the worker found by typing part of the name and chosen by keyboard.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/aid/cases/new/")
    search = page.locator("[data-worker-query]")
    search.press_sequentially("秀英", delay=50)
    option = page.get_by_role("option").first
    option.wait_for()
    assert "欧阳秀英" in option.inner_text()
    assert worker.masked_id_number in option.inner_text()
    assert worker.id_number not in page.content()
    search.press("Enter")
    assert page.locator("[data-worker-value]").input_value() == str(worker.pk)
    page.select_option("select[name=kind]", "medical")
    page.fill("input[name=amount]", "3000")
    page.fill("input[name=granted_on]", "2012-03-15")
    page.fill("textarea[name=notes]", "住院治疗")
    page.get_by_test_id("save-case").click()
    page.wait_for_url("**/aid/cases/*/")
    case = AidCase.objects.get()
    assert (case.worker, case.kind, case.status) == (worker, "medical", "draft")
    page.get_by_test_id("submit-case").click()
    page.wait_for_selector("[data-status=submitted]")
    page.get_by_role("button", name="退出登录").click()

    # Leader: approve from the queue, then mark paid.
    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/aid/cases/queue/")
    row = page.locator(f"tr[data-case='{case.pk}']")
    row.get_by_test_id("approve-case").click()
    page.get_by_test_id("to-pay-table").wait_for()
    page.locator(f"[data-testid=to-pay-table] tr[data-case='{case.pk}']").get_by_test_id(
        "pay-case").click()
    page.get_by_test_id("to-pay-table").wait_for(state="detached")
    case.refresh_from_db()
    assert case.status == "paid"
    assert case.approved_by.username == "leader"

    # The worker's page shows the paid case.
    page.goto(f"{live_server.url}{worker.get_absolute_url()}")
    cases = page.get_by_test_id("worker-cases")
    assert cases.locator("[data-status=paid]").count() == 1
    assert "3,000" in cases.inner_text()
