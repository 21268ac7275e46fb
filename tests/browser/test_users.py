"""An administrator resets a password on the user page; the user signs in with it and must
choose their own before anything else."""

from accounts.roles import Role
from tests.browser.conftest import sign_in
from tests.support.factories import make_user, set_up_federation


def test_a_reset_password_is_changed_at_the_next_sign_in(page, live_server):
    set_up_federation()
    make_user(Role.ADMIN, "admin", full_name="王管理")
    staff = make_user(Role.STAFF, "zhang", full_name="张工作")
    sign_in(page, live_server, "admin")
    page.get_by_test_id("whoami").click()
    page.get_by_role("link", name="用户", exact=True).click()
    page.get_by_role("link", name="zhang").click()
    page.get_by_role("link", name="重置密码").click()
    page.locator("[data-testid=confirm] button[type=submit]").click()
    temporary = page.get_by_test_id("password").inner_text().strip()
    page.get_by_role("button", name="退出登录").click()

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", temporary)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/password/")
    assert page.get_by_test_id("forced").is_visible()
    page.goto(f"{live_server.url}/aid/cases/")
    page.wait_for_url(f"{live_server.url}/accounts/password/")  # nothing else first
    page.fill("input[name=old_password]", temporary)
    page.fill("input[name=new_password1]", "Rote-Kirsche-58")
    page.fill("input[name=new_password2]", "Rote-Kirsche-58")
    page.locator("[data-testid=password-change] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/accounts/password/done/")
    page.goto(f"{live_server.url}/aid/cases/")
    assert page.url == f"{live_server.url}/aid/cases/"
