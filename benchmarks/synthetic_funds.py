"""Synthetic aid money (issue 17, aid/funds_models.py): a fund source per year for each kind of
aid, its allocations of the year, the default source of each kind (the last year's), approved and
paid cases charged to the source of their kind and year (`source_for`, used by the case rows), and
the paid cases in payment batches: one batch per month and county share, paid on the last day a
case of it was paid, with a download of its bank list or signing sheet.
"""

from array import array
from datetime import date
from decimal import Decimal

from aid.models import (
    AidCase,
    FundAllocation,
    FundSource,
    KindFundSource,
    PaymentBatch,
    PaymentFileDownload,
    PaymentLine,
)

from .synthetic_context import YEARS, Context, moment

# kind of aid -> (the source's name after the year, its kind, allocated a year at scale 1)
SOURCES = {
    AidCase.Kind.VISIT: ("送温暖专项资金", FundSource.Kind.OWN, 400_000),
    AidCase.Kind.LIVING: ("中央财政专项帮扶资金", FundSource.Kind.CENTRAL, 150_000),
    AidCase.Kind.MEDICAL: ("省总工会医疗救助资金", FundSource.Kind.PROVINCE, 400_000),
    AidCase.Kind.EDUCATION: ("县级配套助学资金", FundSource.Kind.COUNTY, 250_000),
}


def gen_sources(ctx: Context) -> None:
    """The sources, their allocations (in March and September) and the kinds' defaults; sets
    `ctx.fund_sources` {(year, kind): source id}."""
    first_id = ctx.writer.first_id(FundSource)
    sources, allocations = [], []
    for year in YEARS:
        for kind, (name, source_kind, amount) in SOURCES.items():
            pk = first_id + len(sources)
            sources.append((pk, f"{year}年{name}", source_kind, year >= YEARS[-1] - 1, "", 0))
            ctx.fund_sources[(year, kind)] = pk
            total = Decimal(max(10_000, round(amount * ctx.scale, -4)))
            first = (total * Decimal("0.6")).quantize(Decimal(1))
            for received, part, number in ((date(year, 3, 15), first, 1),
                                           (date(year, 9, 15), total - first, 2)):
                allocations.append((pk, year, part, received, f"帮扶[{year}]{number}号", "", 0))
    ctx.writer.insert(FundSource, ("id", "name", "kind", "active", "notes", "version"), sources,
                      label="fund sources")
    ctx.writer.insert(FundAllocation, ("source_id", "year", "amount", "received_on",
                                       "document_number", "notes", "version"),
                      allocations, label="fund allocations")
    ctx.writer.insert(KindFundSource, ("kind", "source_id"),
                      [(kind, ctx.fund_sources[(YEARS[-1], kind)]) for kind in SOURCES],
                      label="kind fund sources")


class PaidCases:
    """The paid cases as they are written (id, batch key, amount in fen), in compact columns."""

    def __init__(self):
        self.ids, self.keys, self.fen = array("q"), array("q"), array("q")
        self.batches: dict[tuple[int, int, int], list] = {}  # key -> [index, last paid day]

    def add(self, case_id: int, share: int, paid: date, amount: Decimal) -> None:
        key = (paid.year, paid.month, share)
        batch = self.batches.get(key)
        if batch is None:
            batch = self.batches[key] = [len(self.batches), paid]
        elif paid > batch[1]:
            batch[1] = paid
        self.ids.append(case_id)
        self.keys.append(batch[0])
        self.fen.append(int(amount * 100))


def gen_payments(ctx: Context) -> None:
    """The batches of the paid cases (bank transfer for four in five), their lines and one
    download of each batch's file."""

    rng = ctx.rng("payments")
    paid = ctx.paid_cases
    first_id = ctx.writer.first_id(PaymentBatch)
    batches, downloads = [], []
    counts, totals = [0] * len(paid.batches), [0] * len(paid.batches)
    for index, fen in zip(paid.keys, paid.fen, strict=True):
        counts[index] += 1
        totals[index] += fen
    for (year, month, share), (index, last) in paid.batches.items():
        method = PaymentBatch.Method.BANK if rng.random() < 0.8 else PaymentBatch.Method.CASH
        pk = first_id + index
        batches.append((pk, f"{year}年{month}月帮扶资金发放（第{share + 1}片）", method,
                        PaymentBatch.Status.PAID, ctx.staff_id, moment(date(year, month, 1)),
                        last, ctx.leader_id, moment(last, 17),
                        f"银行回单{year}{month:02d}{share + 1:03d}" if method == "bank" else "",
                        0))
        downloads.append((pk, "bank_list" if method == "bank" else "signing_sheet",
                          ctx.staff_id, moment(last, 10), counts[index],
                          Decimal(totals[index]) / 100))
    ctx.writer.insert(PaymentBatch, ("id", "name", "method", "status", "created_by_id",
                                     "created_at", "paid_on", "paid_by_id", "paid_at",
                                     "confirmation_note", "version"),
                      batches, label="payment batches")
    ctx.writer.insert(PaymentLine, ("batch_id", "case_id", "amount", "status", "failure_reason"),
                      ((first_id + index, case_id, Decimal(fen) / 100, PaymentLine.Status.PAID, "")
                       for case_id, index, fen in zip(paid.ids, paid.keys, paid.fen, strict=True)),
                      label="payment lines", total=len(paid.ids))
    ctx.writer.insert(PaymentFileDownload, ("batch_id", "kind", "downloaded_by_id",
                                            "downloaded_at", "lines", "total"),
                      downloads, label="payment file downloads")
