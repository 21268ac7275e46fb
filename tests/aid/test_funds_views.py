"""Aid money pages: the bank list and the signing sheet (contents, audited download), the
queue's bulk decisions, the ledger and the statement, who may do what."""

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from accounts.roles import Role
from aid import figures, funds_services
from aid.models import AidCase, FundSource, PaymentBatch, PaymentFileDownload
from tests.aid.test_funds_services import ACCOUNT, approved, make_source, submitted
from tests.support.factories import make_user, make_worker


@pytest.fixture
def batch(staff, leader):
    source = make_source()
    cases = [approved(staff, leader, source, Decimal(500 + n),
                      worker=make_worker(name=f"职工甲{n}", bank_name="农业银行",
                                         bank_account=f"{ACCOUNT[:-1]}{n}"))
             for n in range(2)]
    return funds_services.batch_create(by=staff, name="2012年两节慰问金第一批", method="bank",
                                       cases=cases)


def test_the_bank_list_holds_whole_accounts_is_confidential_and_its_download_is_recorded(
        client, staff, batch):
    client.force_login(staff)
    response = client.get(reverse("aid:batch-bank-list", args=[batch.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "机密" in rows[0][0]
    assert "机密" in sheet.oddHeader.center.text
    names = {row[1]: row for row in rows[3:-1]}
    assert names["职工甲0"][3] == f"{ACCOUNT[:-1]}0"
    assert names["职工甲1"][4] == Decimal(501) or names["职工甲1"][4] == 501
    assert rows[-1][4] == 1001
    download = PaymentFileDownload.objects.get()
    assert (download.batch, download.downloaded_by, download.kind) == (batch, staff, "bank_list")
    assert (download.lines, download.total) == (2, Decimal(1001))
    page = client.get(batch.get_absolute_url()).content.decode()
    assert ACCOUNT not in page  # masked on screen
    assert staff.display_name in page.split('data-testid="downloads"')[1]


def test_the_signing_sheet_is_landscape_with_a_signature_column(client, staff, batch):
    client.force_login(staff)
    response = client.get(reverse("aid:batch-signing-sheet", args=[batch.pk]))
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    headers = [cell.text for cell in table.rows[0].cells]
    assert headers[6] == "签名"
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[1] for row in body[:-1]] == ["职工甲0", "职工甲1"]
    assert body[-1][5] == "1,001.00"
    assert all(ACCOUNT[:6] not in "".join(row) for row in body)
    assert PaymentFileDownload.objects.get().kind == "signing_sheet"


def test_admins_do_not_prepare_or_export_batches(client, admin_user, batch):
    client.force_login(admin_user)
    assert client.get(reverse("aid:batch-bank-list", args=[batch.pk])).status_code == 403
    assert client.get(reverse("aid:batch-create")).status_code == 403
    assert not PaymentFileDownload.objects.exists()


def test_staff_puts_cases_in_a_batch_from_the_page(client, staff, leader):
    source = make_source()
    cases = [approved(staff, leader, source) for _ in range(2)]
    client.force_login(staff)
    page = client.get(reverse("aid:batch-create"))
    assert {c.pk for c in page.context["cases"]} == {c.pk for c in cases}
    form = {"name": "第一批", "method": "bank", "cases": [c.pk for c in cases],
            "submission_token": uuid.uuid4()}
    response = client.post(reverse("aid:batch-create"), form)
    batch = PaymentBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    assert batch.lines.count() == 2
    again = client.post(reverse("aid:batch-create"), form)  # sent twice: one batch
    assert again.url == batch.get_absolute_url()
    assert PaymentBatch.objects.count() == 1


def test_a_leader_marks_the_batch_paid_from_its_page(client, leader, batch):
    client.force_login(leader)
    assert client.get(batch.get_absolute_url()).context["can_pay"]
    client.post(reverse("aid:batch-pay", args=[batch.pk]), {"paid_on": "2012-01-20"})
    batch.refresh_from_db()
    assert batch.paid_on == date(2012, 1, 20)
    assert set(AidCase.objects.values_list("status", flat=True)) == {"paid"}


def test_a_failed_line_from_the_page_keeps_its_reason(client, staff, batch):
    client.force_login(staff)
    line = batch.lines.first()
    client.post(reverse("aid:line-fail", args=[line.pk]), {"reason": "卡号已注销"})
    line.refresh_from_db()
    assert (line.status, line.failure_reason) == ("failed", "卡号已注销")
    assert "卡号已注销" in client.get(line.case.get_absolute_url()).content.decode()


def test_bulk_approve_from_the_queue_reports_each_case(client, staff):
    both = make_user(Role.STAFF, "both")
    both.groups.add(*make_user(Role.LEADER, "lead2").groups.all())
    source = make_source()
    theirs = [submitted(staff) for _ in range(2)]
    own = submitted(both)
    client.force_login(both)
    queue = client.get(reverse("aid:case-queue")).content.decode()
    own_row = queue.split(f'data-case="{own.pk}"')[1].split("</tr>")[0]
    assert "disabled" in own_row.split("</td>")[0]  # its box cannot be ticked
    response = client.post(reverse("aid:case-bulk-decision"), {
        "action": "approve", "fund_source": source.pk,
        "cases": [c.pk for c in (*theirs, own)]})
    assert response.url == reverse("aid:case-queue")
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(texts) == 3
    assert sum(f"{own.pk}" in t for t in texts) >= 1
    assert set(AidCase.objects.filter(status="approved").values_list("pk", flat=True)) == {
        c.pk for c in theirs}


def test_bulk_reject_needs_a_reason(client, staff, leader):
    case = submitted(staff)
    client.force_login(leader)
    client.post(reverse("aid:case-bulk-decision"), {"action": "reject", "cases": [case.pk]})
    case.refresh_from_db()
    assert case.status == AidCase.Status.SUBMITTED


def test_the_ledger_page_shows_each_source_balance(client, staff, leader):
    source = make_source(amount=Decimal(10000))
    approved(staff, leader, source, Decimal(2500))
    client.force_login(staff)
    response = client.get(reverse("aid:fund-ledger"), {"year": 2012})
    row = response.context["rows"][0]
    assert (row.allocated, row.committed, row.paid, row.balance) == (
        Decimal(10000), Decimal(2500), Decimal(0), Decimal(7500))
    assert "7,500" in response.content.decode()


def test_the_statement_reconciles(client, staff, leader):
    source = make_source(amount=Decimal(10000))
    approved(staff, leader, source, Decimal(2500))
    client.force_login(staff)
    response = client.get(reverse("aid:fund-statement", args=[source.pk]),
                          {"start": "2012-01-01", "end": "2012-12-31"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    total = rows[-1]
    assert (total[4], total[5], total[6], total[7]) == (10000, 2500, 0, 7500)
    assert rows[-2][7] == total[7]  # the running balance ends on the closing balance


def test_only_admins_keep_sources(client, staff, admin_user):
    client.force_login(staff)
    assert client.get(reverse("aid:fund-create")).status_code == 403
    client.force_login(admin_user)
    client.post(reverse("aid:fund-create"), {"name": "社会捐赠资金", "kind": "donation",
                                             "active": "on", "submission_token": uuid.uuid4()})
    source = FundSource.objects.get()
    assert source.history.get().history_user == admin_user
    client.post(reverse("aid:allocation-create", args=[source.pk]), {
        "year": 2012, "amount": "99999999999999", "received_on": "2012-02-01",
        "submission_token": uuid.uuid4()})
    assert not source.allocations.exists()  # bounded
    client.post(reverse("aid:allocation-create", args=[source.pk]), {
        "year": 2012, "amount": "5000", "received_on": "2012-02-01",
        "submission_token": uuid.uuid4()})
    assert source.allocations.get().amount == Decimal(5000)


def test_figures_give_paid_money_by_source_in_a_fixed_number_of_queries(
        staff, leader, django_assert_max_num_queries):
    central, own = make_source(), make_source(name="本级工会经费", kind="own")
    cases = [approved(staff, leader, source, Decimal(amount))
             for source, amount in ((central, 1000), (central, 700), (own, 300), (own, 50))]
    batch = funds_services.batch_create(by=staff, name="批", method="cash", cases=cases[:3])
    funds_services.batch_mark_paid(batch_id=batch.pk, by=leader, paid_on=date(2012, 3, 30))
    with django_assert_max_num_queries(4):  # cases, campaigns, archives, money by source
        result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.paid_money == Decimal(2000)
    assert result.committed_money == Decimal(50)
    assert dict(result.money_by_source) == {central.name: Decimal(1700), own.name: Decimal(300)}
    assert sum(money for _, money in result.money_by_source) == result.paid_money
    assert hash(result)  # still a frozen, hashable value
