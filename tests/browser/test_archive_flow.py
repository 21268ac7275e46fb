"""The archive procedure in a real browser: staff registers a household with two members,
records the home survey and the public notice (dated in the past, so that the notice period has
passed), a leader approves the archive, and staff records a relief case for it (先建档、后帮扶).
Staff also uploads a proof document (证明材料) of the household's income."""

from datetime import timedelta

from django.utils import timezone

from accounts.roles import Role
from aid.models import AidCase, HardshipWorker
from documents.models import ProofDocument
from tests.browser.conftest import sign_in
from tests.support.factories import make_user, valid_id
from tests.support.files import pdf_bytes
from unions.models import Union

ID = valid_id("23072219700305002")


def test_staff_registers_a_household_a_leader_approves_then_aid_is_recorded(page, live_server):
    make_user(Role.STAFF, "staff", full_name="张工作")
    make_user(Role.LEADER, "leader", full_name="李主席")
    union = Union.objects.create(name="嘉荫县林业局工会", kind="state_owned",
                                 established_on=timezone.localdate() - timedelta(days=9000))
    today = timezone.localdate()
    page.on("dialog", lambda dialog: dialog.accept())

    # Staff: the household archive with two members.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/aid/workers/new/")
    page.fill("input[name=name]", "欧阳秀英")
    page.fill("input[name=id_number]", ID)
    union_box = page.locator("input[name=union_text]")
    union_box.press_sequentially("林业", delay=50)
    page.get_by_role("option").first.wait_for()
    union_box.press("Enter")
    assert page.locator("input[name=union]").input_value() == str(union.pk)
    page.select_option("select[name=employment_status]", "laid_off")
    page.select_option("select[name=hardship_level]", "extreme")
    page.select_option("select[name=main_cause]", "illness")
    page.fill("input[name=household_size]", "3")
    page.fill("input[name=own_monthly_income]", "600")
    page.fill("input[name=registered_on]", (today - timedelta(days=20)).isoformat())
    page.fill("input[name=members-0-name]", "欧阳建国")
    page.select_option("select[name=members-0-relation]", "spouse")
    page.select_option("select[name=members-0-health]", "uremia")
    page.fill("input[name=members-1-name]", "欧阳小明")
    page.select_option("select[name=members-1-relation]", "child")
    page.fill("input[name=members-1-occupation]", "县一中")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/aid/workers/*/")
    worker = HardshipWorker.objects.get(id_number=ID)
    assert worker.members.count() == 2
    assert page.get_by_test_id("income-per-person").inner_text().startswith("200")
    assert page.get_by_test_id("archive-state").get_attribute("data-state") == "draft"

    # A proof document of the household's income, listed on the archive's page.
    panel = page.get_by_test_id("documents")
    panel.locator("select[name=kind]").select_option("income")
    panel.locator("input[name=file]").set_input_files(
        {"name": "收入证明.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("income")})
    panel.get_by_role("button", name="上传").click()
    page.wait_for_url(f"**{worker.get_absolute_url()}")
    row = page.get_by_test_id("document").filter(has_text="收入证明.pdf")
    assert "张工作" in row.inner_text()
    assert ProofDocument.objects.get().record == worker

    # The home survey, then the notice that ended yesterday.
    survey = page.get_by_test_id("survey-form")
    survey.locator("input[name=survey-surveyed_on]").fill(
        (today - timedelta(days=15)).isoformat())
    survey.locator("input[name=survey-surveyors]").fill("张工作、工会主席")
    survey.locator("textarea[name=survey-findings]").fill("入户核实，配偶尿毒症透析。")
    survey.locator("button[type=submit]").click()
    notice = page.get_by_test_id("notice-form")
    notice.wait_for()
    notice.locator("input[name=notice-starts_on]").fill((today - timedelta(days=8)).isoformat())
    notice.locator("input[name=notice-ends_on]").fill((today - timedelta(days=1)).isoformat())
    notice.locator("input[name=notice-place]").fill("林业局公示栏")
    notice.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=archive-state][data-state=in_notice]")
    assert page.get_by_test_id("approve-archive").count() == 0  # staff do not approve
    page.get_by_role("button", name="退出登录").click()

    # The leader approves.
    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}{worker.get_absolute_url()}")
    page.get_by_test_id("approve-archive").click()
    page.wait_for_selector("[data-testid=archive-state][data-state=active]")
    worker.refresh_from_db()
    assert worker.state == HardshipWorker.State.ACTIVE
    assert worker.spells.get().approved_by.username == "leader"
    page.get_by_role("button", name="退出登录").click()

    # Staff: a relief case for the now active archive.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/aid/cases/new/")
    search = page.locator("input[name=worker_text]")
    search.press_sequentially("oyxy", delay=50)  # 欧阳秀英 by the initials of her pinyin
    page.get_by_role("option").first.wait_for()
    search.press("Enter")
    page.select_option("select[name=kind]", "medical")
    page.fill("input[name=amount]", "3000")
    page.fill("input[name=granted_on]", today.isoformat())
    page.get_by_test_id("save-case").click()
    page.wait_for_url("**/aid/cases/*/")
    case = AidCase.objects.get()
    assert (case.worker, case.kind, case.status) == (worker, "medical", "draft")
