from accounts.roles import Role
from tests.browser.conftest import sign_in
from tests.support.factories import make_user


def test_leader_signs_in_and_sees_the_home_page_in_chinese(page, live_server):
    make_user(Role.LEADER, "leader", full_name="李主席")
    sign_in(page, live_server, "leader")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "欢迎，李主席" in page.locator("h1").inner_text()
    assert "领导" in page.get_by_test_id("whoami").inner_text()
    assert page.get_by_role("button", name="退出登录").is_visible()
