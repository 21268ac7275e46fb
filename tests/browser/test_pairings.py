import re
from datetime import date

from accounts.roles import Role
from pairings.models import Pairing
from tests.browser.conftest import sign_in
from tests.support.factories import make_poverty_round, make_student_round, make_union, make_user


def test_staff_pair_a_student_with_two_branches_and_the_form_shows_only_fitting_fields(
        page, live_server):
    make_user(Role.STAFF, "clerk", full_name="张工作")
    make_union()
    make_poverty_round()
    students = make_student_round(starts_on=date(2010, 9, 1))
    problems = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    sign_in(page, live_server, "clerk")

    page.goto(f"{live_server.url}/pairings/pairs/new/")
    assert page.locator("[name=official]").is_visible()
    assert not page.locator("[name=branches]").is_visible()
    page.select_option("[name=round]", str(students.pk))
    page.select_option("[name=beneficiary_kind]", "student")
    assert not page.locator("[name=official]").is_visible()
    assert not page.locator("[name=worker_text]").is_visible()
    page.fill("[name=beneficiary_name]", "王思雨")
    page.fill("[name=beneficiary_description]", "嘉荫县第一中学 初二")
    page.fill("[name=branches]", "县财政局机关党支部\n朝阳镇光明村党支部")
    page.fill("[name=paired_on]", "2011-09-10")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(re.compile(r"/pairings/pairs/\d+/$"))
    pairing = Pairing.objects.get()
    assert page.url.endswith(pairing.get_absolute_url())
    helpers = page.get_by_test_id("helpers").inner_text()
    assert "县财政局机关党支部" in helpers
    assert "朝阳镇光明村党支部" in helpers
    assert problems == []  # no script or style refused by the Content Security Policy
