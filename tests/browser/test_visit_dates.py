"""In the browser: choosing a campaign dates a visit within it, and a ticked worker's row on the
batch page shows the batch date until a date of its own is typed."""

from datetime import date

from django.urls import reverse

from accounts.roles import Role
from aid.models import AidCase
from tests.browser.conftest import sign_in
from tests.support.factories import make_campaign, make_union, make_user, make_worker


def test_choosing_a_campaign_that_is_over_dates_the_visit_on_its_last_day(page, live_server):
    make_user(Role.STAFF, "staff")
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{reverse('aid:case-create')}")
    page.select_option("select[name=campaign]", str(campaign.pk))
    assert page.locator("input[name=granted_on]").input_value() == "2012-01-31"


def test_a_date_typed_before_choosing_the_campaign_is_kept(page, live_server):
    make_user(Role.STAFF, "staff")
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{reverse('aid:case-create')}")
    page.fill("input[name=granted_on]", "2012-01-05")
    page.select_option("select[name=campaign]", str(campaign.pk))
    assert page.locator("input[name=granted_on]").input_value() == "2012-01-05"


def test_batch_rows_follow_the_batch_date_unless_given_their_own(page, live_server):
    make_user(Role.STAFF, "staff")
    campaign = make_campaign(starts_on=date(2011, 12, 20), ends_on=date(2012, 1, 31))
    union = make_union()
    first, second = make_worker(union=union), make_worker(union=union)
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{reverse('aid:campaign-batch', args=[campaign.pk])}")
    page.check(f"#w{first.pk}")
    first_date = page.locator(f"input[name=date_{first.pk}]")
    assert first_date.input_value() == "2012-01-31"
    page.fill("input[name=granted_on]", "2012-01-12")
    page.locator("input[name=granted_on]").dispatch_event("change")
    assert first_date.input_value() == "2012-01-12"
    page.fill(f"input[name=date_{second.pk}]", "2012-01-20")  # typing a date ticks the row
    page.locator(f"input[name=date_{second.pk}]").dispatch_event("change")
    assert page.is_checked(f"#w{second.pk}")
    page.get_by_test_id("record-visits").click()
    page.wait_for_url(f"**{campaign.get_absolute_url()}")
    assert dict(AidCase.objects.values_list("worker", "granted_on")) == {
        first.pk: date(2012, 1, 12), second.pk: date(2012, 1, 20)}
    assert "已保存并提交审批" in page.locator("main").inner_text()
