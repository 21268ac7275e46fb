"""The demo's aid money: sources that cover what is charged, the 2012 campaign and first-half
relief paid in one bank batch and one signing sheet, and the ledger's identity."""

from datetime import date
from decimal import Decimal

import pytest

from aid import figures, funds_selectors
from aid.models import AidCase, FundSource, PaymentBatch, PaymentLine

pytestmark = pytest.mark.django_db


def test_the_demo_ledger_reconciles_and_no_source_is_overdrawn(demo_county):
    rows = funds_selectors.ledger(2012)
    assert len(rows) == FundSource.objects.count() >= 3
    for row in rows:
        assert row.allocated - row.paid - row.committed == row.balance
        assert row.balance == funds_selectors.balance(row.source, 2012)
        assert row.balance >= 0
        statement = funds_selectors.statement(row.source, date(2012, 1, 1), date(2012, 12, 31))
        assert statement.closing == row.balance
    totals = funds_selectors.ledger_totals(rows)
    counted = AidCase.objects.filter(granted_on__year=2012, status__in=["approved", "paid"])
    assert totals["paid"] + totals["committed"] == sum(c.amount for c in counted)


def test_the_demo_paid_2012_aid_in_one_bank_batch_and_one_signing_sheet(demo_county):
    batches = {batch.method: batch for batch in PaymentBatch.objects.all()}
    assert set(batches) == {"bank", "cash"}
    assert all(batch.status == "paid" for batch in batches.values())
    paid_2012 = AidCase.objects.filter(status="paid", granted_on__year=2012)
    lines = PaymentLine.objects.filter(status="paid")
    assert set(lines.values_list("case", flat=True)) == set(paid_2012.values_list("pk",
                                                                                  flat=True))
    visits = paid_2012.filter(kind="visit")
    assert set(batches["bank"].lines.values_list("case", flat=True)) == set(
        visits.values_list("pk", flat=True))
    assert not visits.filter(worker__bank_account="").exists()
    assert {case.paid_at.date() for case in visits} == {batches["bank"].paid_on}


def test_the_demo_figures_split_paid_money_by_source(demo_county):
    result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    assert result.paid_money == result.visit_paid_money + result.relief_paid_money
    assert sum(money for _, money in result.money_by_source) == result.paid_money
    assert "" not in dict(result.money_by_source)  # every 2012 case is charged
    assert result.committed_money == result.unpaid_money > Decimal(0)


def test_the_demo_summary_says_where_the_paid_money_came_from(demo_county):
    from core.periods import Period
    from reports import services
    from tests.reports.test_documents import text_of

    document = services.assemble(Period(2012, "h1"), None, today=date(2014, 1, 10)).document
    text = text_of(document)
    result = figures.for_period(date(2012, 1, 1), date(2012, 6, 30))
    sentence = next(line for line in text.splitlines() if "发放的慰问金和救助资金中" in line)
    for name, money in result.money_by_source:
        assert f"{name}{money:,.0f}元" in sentence
