"""A leader's phone (390 × 844 CSS pixels): the pages they read and approve on fit the screen's
width, lists scrolling inside their own box, never the whole page sideways.

Each page is saved as docs/images/phone-<page>.png (the note shows them).
"""

from pathlib import Path

import pytest
from django.urls import reverse

from aid.models import HardshipWorker
from reports import demo
from tests.browser.conftest import sign_in

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"
OTHER_LISTS = ("unions:union-list", "aid:worker-list", "aid:campaign-list", "pairings:round-list",
               "pairings:pairing-list", "pairings:project-list", "pairings:fund-list",
               "pairings:student-aid", "economy:sector-table", "economy:household-list",
               "economy:return-list", "economy:target-list", "economy:grant-list",
               "activities:activity-list", "reports:period-list", "aid:batch-list",
               "aid:fund-ledger", "aid:review-list")


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def fits(page, name: str) -> None:
    """The page is no wider than the screen; saved as docs/images/phone-<name>.png."""
    page.wait_for_load_state("load")
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"phone-{name}.png"))
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert page.evaluate(OVERFLOW), f"{name}: page {widths[0]} px wide on a {widths[1]} px screen"


def test_a_leaders_pages_fit_a_390_px_phone(phone, live_server):
    demo.load()
    sign_in(phone, live_server, "leader", demo.DEMO_PASSWORD)
    fits(phone, "home")

    phone.goto(f"{live_server.url}/aid/cases/")  # the current half-year: no demo case
    fits(phone, "case-list-landing")
    phone.goto(f"{live_server.url}/aid/cases/?start=&end=")  # every date: the demo's cases
    fits(phone, "case-list")
    table = phone.get_by_test_id("case-table")
    # the rows are readable: a name is not broken into a column of single characters
    name_cell = table.locator("tbody tr").first.locator("td").nth(2)
    assert name_cell.bounding_box()["height"] < 3 * name_cell.bounding_box()["width"]

    phone.goto(f"{live_server.url}{reverse('aid:case-queue')}")
    fits(phone, "queue")
    # one-handed: a row's tick box and the button that decides the ticked cases are on the
    # screen, not off to the right
    for control in (phone.locator("[data-testid=queue-table] input[data-tick]").first,
                    phone.get_by_test_id("bulk-submit")):
        box = control.bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]

    worker = HardshipWorker.objects.order_by("pk").first()
    phone.goto(f"{live_server.url}{worker.get_absolute_url()}")
    fits(phone, "worker")

    phone.goto(f"{live_server.url}/reports/2012/h1/")
    fits(phone, "summary")

    # every other list: no screenshot, the same rule
    for name in OTHER_LISTS:
        phone.goto(f"{live_server.url}{reverse(name)}")
        phone.wait_for_load_state("load")
        widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert phone.evaluate(OVERFLOW), f"{name}: page {widths[0]} px on a {widths[1]} px screen"
