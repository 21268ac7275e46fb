"""Reads of aid money: balances, the ledger per source and year, the 收支明细 statement, batches.

A source's year: its allocations of that `year`, and the cases charged to it that were granted
that year. Committed = approved and not yet paid; balance = allocated − committed − paid.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from core.money import ZERO, money_sum

from .models import AidCase, FundAllocation, FundSource, PaymentBatch, PaymentLine

COMMITTED = Q(status=AidCase.Status.APPROVED)
PAID = Q(status=AidCase.Status.PAID)
LIVE_LINE = ~Q(status=PaymentLine.Status.FAILED)


@dataclass(frozen=True, kw_only=True)
class LedgerRow:
    """One source in one year (money in yuan)."""

    source: FundSource
    year: int
    allocated: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.allocated - self.committed - self.paid


def balance(source: FundSource, year: int) -> Decimal:
    """What is left of `source` for `year` (two queries; the caller holds the source's lock
    when it is about to charge)."""
    allocated = (FundAllocation.objects.filter(source=source, year=year)
                 .aggregate(total=money_sum("amount"))["total"])
    charged = (AidCase.objects.filter(fund_source=source, granted_on__year=year)
               .filter(COMMITTED | PAID).aggregate(total=money_sum("amount"))["total"])
    return allocated - charged


def ledger(year: int, sources: QuerySet[FundSource] | None = None) -> list[LedgerRow]:
    """Every source (or those given) in `year`, by name: three queries however many sources."""
    sources = list(FundSource.objects.order_by("name", "pk") if sources is None else sources)
    allocated = dict(FundAllocation.objects.filter(year=year, source__in=sources)
                     .values("source").annotate(total=Sum("amount"))
                     .values_list("source", "total"))
    charged = {row["fund_source"]: row for row in
               AidCase.objects.filter(fund_source__in=sources, granted_on__year=year)
               .values("fund_source")
               .annotate(committed=money_sum("amount", COMMITTED), paid=money_sum("amount", PAID))}
    return [LedgerRow(source=source, year=year, allocated=allocated.get(source.pk) or ZERO,
                      committed=charged.get(source.pk, {}).get("committed", ZERO),
                      paid=charged.get(source.pk, {}).get("paid", ZERO))
            for source in sources]


def ledger_totals(rows: list[LedgerRow]) -> dict[str, Decimal]:
    return {name: sum((getattr(row, name) for row in rows), ZERO)
            for name in ("allocated", "committed", "paid", "balance")}


def ledger_years() -> list[int]:
    """Years with allocations or charged cases, newest first."""
    years = set(FundAllocation.objects.values_list("year", flat=True).distinct())
    years |= {d.year for d in AidCase.objects.filter(fund_source__isnull=False)
              .dates("granted_on", "year")}
    return sorted(years, reverse=True)


# --- the 收支明细 statement -------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class StatementLine:
    day: date
    what: str  # "allocation" or "case"
    reference: str  # the document number, or the case's number
    description: str
    received: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO


@dataclass(frozen=True, kw_only=True)
class Statement:
    source: FundSource
    start: date
    end: date
    opening: Decimal  # received before `start` less what was charged before it
    lines: tuple[StatementLine, ...]

    @property
    def received(self) -> Decimal:
        return sum((line.received for line in self.lines), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((line.committed for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.received - self.committed - self.paid


def statement(source: FundSource, start: date, end: date) -> Statement:
    """The source's allocations (by date received) and charged cases (by date granted) from
    `start` to `end`, by date, after the balance brought forward (four queries)."""
    allocations = FundAllocation.objects.filter(source=source)
    cases = AidCase.objects.filter(fund_source=source).filter(COMMITTED | PAID)
    before_in = allocations.filter(received_on__lt=start).aggregate(t=money_sum("amount"))["t"]
    before_out = cases.filter(granted_on__lt=start).aggregate(t=money_sum("amount"))["t"]
    lines = [StatementLine(day=a.received_on, what="allocation", reference=a.document_number,
                           description=f"{a.year}", received=a.amount)
             for a in allocations.filter(received_on__range=(start, end))]
    for case in (cases.filter(granted_on__range=(start, end)).select_related("worker", "campaign")
                 .order_by("granted_on", "pk")):
        paid = case.status == AidCase.Status.PAID
        lines.append(StatementLine(
            day=case.granted_on, what="case", reference=str(case.pk),
            description=f"{case.worker.name} · {case.get_kind_display()}"
                        + (f" · {case.campaign.name}" if case.campaign_id else ""),
            committed=ZERO if paid else case.amount, paid=case.amount if paid else ZERO))
    lines.sort(key=lambda line: (line.day, line.what != "allocation"))
    return Statement(source=source, start=start, end=end, opening=before_in - before_out,
                     lines=tuple(lines))


# --- charging and batches --------------------------------------------------------------------

def active_sources() -> QuerySet[FundSource]:
    return FundSource.objects.filter(active=True).order_by("name", "pk")


def default_source(case: AidCase) -> FundSource | None:
    """The campaign's default source, else the kind's, else none."""
    from .models import KindFundSource

    if case.campaign_id and case.campaign.fund_source_id:
        return case.campaign.fund_source
    default = KindFundSource.objects.filter(kind=case.kind).select_related("source").first()
    return default.source if default else None


def payable(campaign: int | None = None, kind: str = "") -> QuerySet[AidCase]:
    """Approved cases in no batch (or only in batches that failed them), oldest approval first."""
    cases = (AidCase.objects.filter(status=AidCase.Status.APPROVED)
             .exclude(payment_lines__in=PaymentLine.objects.filter(LIVE_LINE))
             .select_related("worker", "worker__union", "campaign", "fund_source")
             .order_by("approved_at", "pk"))
    if campaign:
        cases = cases.filter(campaign_id=campaign)
    if kind == "relief":
        cases = cases.filter(kind__in=AidCase.RELIEF_KINDS)
    elif kind:
        cases = cases.filter(kind=kind)
    return cases


def batches() -> QuerySet[PaymentBatch]:
    return (PaymentBatch.objects.select_related("created_by", "paid_by")
            .annotate(line_count=Count("lines", filter=LIVE_LINE),
                      total=money_sum("lines__amount", LIVE_LINE))
            .order_by("-created_at", "-pk"))


def batch_lines(batch: PaymentBatch) -> QuerySet[PaymentLine]:
    return (batch.lines.select_related("case", "case__worker", "case__worker__union",
                                       "case__fund_source", "case__entered_by",
                                       "case__submitted_by")
            .order_by("case__worker__name", "pk"))


def live_lines(batch: PaymentBatch) -> QuerySet[PaymentLine]:
    return batch_lines(batch).filter(LIVE_LINE)


def open_line_of(case: AidCase) -> PaymentLine | None:
    """The line of an open batch that will pay `case`, if any."""
    return (PaymentLine.objects.filter(case=case, status=PaymentLine.Status.PENDING,
                                       batch__status=PaymentBatch.Status.OPEN)
            .select_related("batch").first())
