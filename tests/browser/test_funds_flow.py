"""Aid money in a real browser: a leader approves three cases at once from the queue (charged to
a fund), staff puts them in a bank batch and downloads the transfer list, a leader marks the
batch paid; the fund's balance on the ledger page drops by their sum. The queue fits a phone."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from accounts.roles import Role
from aid.models import AidCase, FundAllocation, FundSource, PaymentBatch, PaymentFileDownload
from tests.browser.conftest import sign_in
from tests.support.factories import make_case, make_user, make_worker

AMOUNTS = (Decimal(1200), Decimal(800), Decimal(500))


def balance_on_page(page, live_server, source: FundSource) -> str:
    page.goto(f"{live_server.url}/aid/funds/?year=2012")
    return page.locator(f"tr[data-source='{source.pk}'] [data-testid=balance]").inner_text()


def test_three_cases_approved_at_once_paid_in_a_bank_batch(page, live_server):
    staff = make_user(Role.STAFF, "staff", full_name="张工作")
    make_user(Role.LEADER, "leader", full_name="李主席")
    source = FundSource.objects.create(name="中央专项帮扶资金", kind="central")
    FundAllocation.objects.create(source=source, year=2012, amount=Decimal(10000),
                                  received_on=date(2012, 1, 10))
    cases = [make_case(entered_by=staff, amount=amount, granted_on=date(2012, 3, 1 + n),
                       status=AidCase.Status.SUBMITTED, submitted_by=staff,
                       worker=make_worker(name=f"职工乙{n}", bank_name="农业银行",
                                          bank_account=f"622848000011112{n:04d}"))
             for n, amount in enumerate(AMOUNTS)]
    page.on("dialog", lambda dialog: dialog.accept())

    # Leader: the queue on a phone, then three cases approved at once.
    sign_in(page, live_server, "leader")
    assert balance_on_page(page, live_server, source) == "10,000元"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/aid/cases/queue/")
    # No page-level horizontal scroll: the table scrolls inside its container.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for case in cases:
        page.locator(f"tr[data-case='{case.pk}'] input[name=cases]").check()
    assert page.locator("[data-tick-count]").inner_text() == "3"
    page.select_option("[data-testid=bulk-source]", str(source.pk))
    page.get_by_test_id("bulk-submit").click()
    page.get_by_test_id("queue-empty").wait_for()
    assert page.locator(".alert-success").count() == 3
    assert AidCase.objects.filter(status="approved", fund_source=source).count() == 3
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="退出登录").click()

    # Staff: a bank batch of the three, and its transfer list.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/aid/batches/new/")
    page.fill("input[name=name]", "三月救助金第一批")
    page.check("input[data-tick-all]")
    page.get_by_test_id("create-batch").click()
    page.wait_for_url("**/aid/batches/*/")
    batch = PaymentBatch.objects.get()
    assert batch.lines.count() == 3
    with page.expect_download() as download:
        page.get_by_test_id("bank-list").click()
    with open(download.value.path(), "rb") as downloaded:
        sheet = load_workbook(io.BytesIO(downloaded.read())).active
    accounts = {row[3] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert {c.worker.bank_account for c in cases} <= accounts
    assert PaymentFileDownload.objects.get().downloaded_by == staff
    page.get_by_role("button", name="退出登录").click()

    # Leader: the batch marked paid in one step; the fund's balance is less by the sum.
    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}{batch.get_absolute_url()}")
    page.fill("input[name=paid_on]", "2012-03-20")
    page.get_by_test_id("mark-batch-paid").click()
    page.get_by_test_id("batch-paid-on").wait_for()
    assert set(AidCase.objects.values_list("status", flat=True)) == {"paid"}
    assert balance_on_page(page, live_server, source) == f"{10000 - sum(AMOUNTS):,}元"
