"""Typing pinyin in the union and worker pickers: "zhao" shows the matches, the arrow keys and
Enter pick one, and the form is sent with it (core/static/core/picker.js)."""

from datetime import date

from accounts.roles import Role
from aid.models import AidCase, HardshipWorker
from tests.browser.conftest import sign_in
from tests.support.factories import activate, make_union, make_user, worker_id_number


def suggestions(page, name: str):
    """The list of suggestions under the picker of the field `name`."""
    return page.locator("[data-picker]", has=page.locator(f"input[name={name}_text]")).locator(
        "[data-picker-results]")


def test_zhao_typed_in_the_pickers_finds_the_union_and_the_worker(page, live_server):
    make_user(Role.STAFF, "clerk", full_name="张工作")
    union = make_union(name="赵家村工会")
    make_union(name="赵庄工会")
    make_union(name="嘉荫县林业局工会")
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    sign_in(page, live_server, "clerk")

    # The union of a new archive: two unions match "zhao"; the second is picked by keyboard.
    page.goto(f"{live_server.url}/aid/workers/new/")
    page.fill("input[name=name]", "赵大山")
    page.fill("input[name=id_number]", worker_id_number(1))
    box = page.locator("input[name=union_text]")
    box.press_sequentially("zhao", delay=50)
    options = suggestions(page, "union").get_by_role("option")
    options.first.wait_for()
    assert options.count() == 2
    assert all(text.startswith("赵") for text in options.all_inner_texts())
    for _ in range(2):  # the arrow keys move the highlight; it starts on the first
        if suggestions(page, "union").locator("[aria-selected=true]").inner_text().startswith(
                union.name):
            break
        box.press("ArrowDown")
    box.press("Enter")
    assert page.locator("input[name=union]").input_value() == str(union.pk)
    assert box.input_value() == union.name
    page.select_option("select[name=employment_status]", "laid_off")
    page.select_option("select[name=hardship_level]", "extreme")
    page.fill("input[name=household_size]", "2")
    page.fill("input[name=own_monthly_income]", "300")
    page.fill("input[name=registered_on]", "2012-02-01")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/aid/workers/*/")
    worker = HardshipWorker.objects.get()
    assert (worker.name, worker.union) == ("赵大山", union)
    activate(worker, on=date(2012, 2, 20))  # surveyed, noticed, approved (先建档后帮扶)

    # The worker of a new case, by initials.
    page.goto(f"{live_server.url}/aid/cases/new/")
    box = page.locator("input[name=worker_text]")
    box.press_sequentially("zds", delay=50)
    suggestions(page, "worker").get_by_role("option").first.wait_for()
    assert "赵大山" in suggestions(page, "worker").get_by_role("option").first.inner_text()
    box.press("Enter")
    assert page.locator("input[name=worker]").input_value() == str(worker.pk)
    page.select_option("select[name=kind]", "living")
    page.fill("input[name=amount]", "800")
    page.fill("input[name=granted_on]", "2012-03-15")
    page.get_by_test_id("save-case").click()
    page.wait_for_url("**/aid/cases/*/")
    assert AidCase.objects.get().worker == worker
    assert AidCase.objects.get().granted_on == date(2012, 3, 15)
    assert problems == []  # no script refused by the Content Security Policy


def test_the_case_list_union_filter_is_picked_as_you_type(page, live_server):
    make_user(Role.LEADER, "boss", full_name="李主席")
    union = make_union(name="赵家村工会")
    make_union(name="嘉荫县林业局工会")
    sign_in(page, live_server, "boss")
    page.goto(f"{live_server.url}/aid/cases/")
    box = page.locator("input[name=union_text]")
    box.press_sequentially("zjc", delay=50)
    suggestions(page, "union").get_by_role("option").first.wait_for()
    box.press("Enter")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**/aid/cases/?*union={union.pk}*")
    assert page.locator("input[name=union_text]").input_value() == union.name


def test_unions_of_an_activity_are_added_as_you_type(page, live_server):
    from activities.models import Activity

    make_user(Role.STAFF, "clerk", full_name="张工作")
    first, second = make_union(name="赵家村工会"), make_union(name="嘉荫县林业局工会")
    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/activities/new/")
    page.fill("input[name=title]", "环城赛")
    page.select_option("select[name=kind]", "sports")
    page.fill("input[name=held_on]", "2012-04-28")
    page.select_option("select[name=level]", "county")
    box = page.locator("input[name=unions_text]")
    for term in ("zhao", "jyx"):
        box.press_sequentially(term, delay=50)
        suggestions(page, "unions").get_by_role("option").first.wait_for()
        box.press("Enter")
        assert box.input_value() == ""
    assert page.locator("input[name=unions]:checked").count() == 2
    page.get_by_test_id("record-form").locator("button[type=submit]").click()
    page.wait_for_url("**/activities/*/")
    assert set(Activity.objects.get().unions.all()) == {first, second}
