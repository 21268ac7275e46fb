"""The hardship-aid figures of a period, for the half-year summary.

Holiday visits are reported by campaign: a campaign's visits belong to the period in which the
campaign ends (the New Year and Spring Festival campaign starts in December and ends in the new
year), a visit without a campaign to the period of its date. Relief is reported by date granted.
`reported_from` and `reported_to` state that rule once, for the figures and for the case list's
`?reported_from=&reported_to=` filter, so that a figure's link lists exactly its cases.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.http import urlencode

from core.dates import years_after
from core.db import years_with
from core.lists import list_url
from core.money import money_sum

from .models import AidCase, ArchiveSpell, Campaign, ReviewOutcome

CAMPAIGN_VISIT = Q(kind=AidCase.Kind.VISIT, campaign__isnull=False)


def reported_from(day: date) -> Q:
    """Cases reported in a period starting on `day` or later (see the module's rule)."""
    rule = ((CAMPAIGN_VISIT & Q(campaign__ends_on__gte=day))
            | (~CAMPAIGN_VISIT & Q(granted_on__gte=day)))
    first_visit = _visit_day(Q(ends_on__gte=day), last=False)
    return rule & Q(granted_on__gte=Least(Value(day), Coalesce(Subquery(first_visit), day)))


def reported_to(day: date) -> Q:
    """Cases reported in a period ending on `day` or earlier (see the module's rule)."""
    rule = ((CAMPAIGN_VISIT & Q(campaign__ends_on__lte=day))
            | (~CAMPAIGN_VISIT & Q(granted_on__lte=day)))
    last_visit = _visit_day(Q(ends_on__lte=day), last=True)
    return rule & Q(granted_on__lte=Greatest(Value(day), Coalesce(Subquery(last_visit), day)))


def _visit_day(campaigns: Q, *, last: bool) -> QuerySet:
    """The first (or last) day a visit of the `campaigns` was granted: a bound on `granted_on`
    for the reporting rule.

    Why: the rule joins the campaigns and ORs two conditions, so alone it bounds no column and
    PostgreSQL read all million cases for a half-year. The bound that `reported_from` and
    `reported_to` add is implied by the rule (every case it keeps is a visit of these campaigns
    or granted within the period's own dates: no case is lost or gained), and makes a period a
    range of the covering index on granted_on. Visits are dated within their campaign, so the
    bound is the period give or take a campaign; it is looked up (one probe per campaign in
    the index `case_visit_campaign_day`), not assumed, because a campaign's dates can be
    edited after its visits were entered.
    """
    order = "-granted_on" if last else "granted_on"
    day = (AidCase.objects.filter(campaign=OuterRef("pk"), kind=AidCase.Kind.VISIT)
           .order_by(order).values("granted_on")[:1])
    return (Campaign.objects.filter(campaigns).annotate(visit_day=Subquery(day))
            .filter(visit_day__isnull=False).order_by(f"{'-' if last else ''}visit_day")
            .values("visit_day")[:1])


@dataclass(frozen=True, kw_only=True)
class ArchiveFigures:
    """Archives (counted by active spell) and their events in a period.

    Always `open == open_before + new + relapsed - exited`; the three categories of the open
    archives sum to `open` (each archive's current category).
    """

    open_before: int  # active on the day before the period
    new: int  # first spells starting in the period (新建档)
    relapsed: int  # spells after a relapse starting in the period (返困)
    exited: int  # spells ending in the period (解困脱困)
    open: int  # active on the period's last day
    open_extreme: int
    open_relative: int
    open_accident: int
    reviews_overdue: int  # active at the end, not reviewed (nor approved) in the 12 months before


@dataclass(frozen=True, kw_only=True)
class AidFigures:
    """Aid reported in a period; money in yuan, people counted once however many cases they had.

    Counted cases are approved or paid; `*_paid_money` is the part already paid out (发放).
    """

    visited_workers: int  # distinct workers with counted holiday visits
    visit_money: Decimal
    visit_paid_money: Decimal
    relief_workers: int  # distinct workers with counted relief (living, medical or education)
    relief_money: Decimal
    relief_paid_money: Decimal
    living_workers: int
    living_money: Decimal
    medical_workers: int
    medical_money: Decimal
    education_workers: int
    education_money: Decimal
    pending_cases: int  # draft or submitted cases of the period (not counted above)
    pending_money: Decimal
    unpaid_cases: int  # approved, not yet paid: counted above as granted
    unpaid_money: Decimal
    campaigns: tuple[str, ...]  # the campaigns ending in the period with counted visits
    # Aid money (issue 17): paid = visit_paid_money + relief_paid_money; committed = approved,
    # not yet paid (= unpaid_money); paid money by fund source, largest first, as
    # (source name, yuan) pairs ("" for cases approved before any source was set up), whose sum
    # is paid_money.
    paid_money: Decimal = Decimal(0)
    committed_money: Decimal = Decimal(0)
    money_by_source: tuple[tuple[str, Decimal], ...] = ()

    archive: ArchiveFigures

    # The names for the archive figures.
    @property
    def archives_open_before(self) -> int:
        return self.archive.open_before

    @property
    def archives_new(self) -> int:
        return self.archive.new

    @property
    def archives_relapsed(self) -> int:
        return self.archive.relapsed

    @property
    def archives_exited(self) -> int:
        return self.archive.exited

    @property
    def archives_open(self) -> int:
        return self.archive.open

    @property
    def archives_open_extreme(self) -> int:
        return self.archive.open_extreme

    @property
    def archives_open_relative(self) -> int:
        return self.archive.open_relative

    @property
    def archives_open_accident(self) -> int:
        return self.archive.open_accident

    @property
    def reviews_overdue(self) -> int:
        return self.archive.reviews_overdue


def _workers(condition: Q) -> Count:
    return Count("worker", distinct=True, filter=condition)


def for_period(start: date, end: date) -> AidFigures:
    """The figures of the cases reported from `start` to `end` inclusive, and of the archives
    (four queries)."""
    counted = Q(status__in=AidCase.COUNTED_STATUSES)
    paid = Q(status=AidCase.Status.PAID)
    visit = counted & Q(kind=AidCase.Kind.VISIT)
    relief = counted & Q(kind__in=AidCase.RELIEF_KINDS)
    living = counted & Q(kind=AidCase.Kind.LIVING)
    medical = counted & Q(kind=AidCase.Kind.MEDICAL)
    education = counted & Q(kind=AidCase.Kind.EDUCATION)
    pending = Q(status__in=AidCase.PENDING_STATUSES)
    unpaid = Q(status=AidCase.Status.APPROVED)
    reported = AidCase.objects.filter(reported_from(start) & reported_to(end))
    row = reported.aggregate(
        paid_money=money_sum("amount", paid), committed_money=money_sum("amount", unpaid),
        visited_workers=_workers(visit), visit_money=money_sum("amount", visit),
        visit_paid_money=money_sum("amount", visit & paid),
        relief_workers=_workers(relief), relief_money=money_sum("amount", relief),
        relief_paid_money=money_sum("amount", relief & paid),
        living_workers=_workers(living), living_money=money_sum("amount", living),
        medical_workers=_workers(medical), medical_money=money_sum("amount", medical),
        education_workers=_workers(education), education_money=money_sum("amount", education),
        pending_cases=Count("pk", filter=pending), pending_money=money_sum("amount", pending),
        unpaid_cases=Count("pk", filter=unpaid), unpaid_money=money_sum("amount", unpaid),
    )
    visited = AidCase.objects.filter(campaign=OuterRef("pk"), kind=AidCase.Kind.VISIT,
                                     status__in=AidCase.COUNTED_STATUSES)
    campaigns = tuple(Campaign.objects.filter(Exists(visited), ends_on__range=(start, end))
                      .order_by("ends_on", "name").values_list("name", flat=True))
    by_source = tuple(
        (name or "", money) for name, money in
        reported.filter(paid).values("fund_source__name")
        .annotate(money=money_sum("amount")).order_by("-money", "fund_source__name")
        .values_list("fund_source__name", "money"))
    return AidFigures(**row, campaigns=campaigns, money_by_source=by_source,
                      archive=archive_figures(start, end))


def open_on(day: date) -> Q:
    """Spells active on `day`: started on or before it, not ended by it (the day of leaving
    belongs to the spell's events, not to the archives open at its end)."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def review_cutoff(day: date) -> date:
    """An archive active on `day` is overdue when its last review (or its spell's start) is on
    or before this date: 12 months before `day`."""
    return years_after(day, -1)


def overdue_on(day: date) -> Q:
    """Spells (annotated `reviewed`, see `with_reviewed`) overdue for review on `day`."""
    return open_on(day) & Q(started_on__lte=review_cutoff(day), reviewed=False)


def with_reviewed(spells: QuerySet, day: date) -> QuerySet:
    """Annotate `reviewed`: the spell's archive had a review survey in the 12 months to `day`."""
    reviews = ReviewOutcome.objects.filter(worker=OuterRef("worker_id"),
                                           surveyed_on__gt=review_cutoff(day),
                                           surveyed_on__lte=day)
    return spells.annotate(reviewed=Exists(reviews))


def archive_figures(start: date, end: date) -> ArchiveFigures:
    """The archive figures of `start`..`end` (one query)."""
    before = start - timedelta(days=1)
    at_end = open_on(end)
    level = "worker__hardship_level"
    row = with_reviewed(ArchiveSpell.objects.all(), end).aggregate(
        open_before=Count("pk", filter=open_on(before)),
        new=Count("pk", filter=Q(started_on__range=(start, end), relapse=False)),
        relapsed=Count("pk", filter=Q(started_on__range=(start, end), relapse=True)),
        exited=Count("pk", filter=Q(ended_on__range=(start, end))),
        open=Count("pk", filter=at_end),
        open_extreme=Count("pk", filter=at_end & Q(**{level: "extreme"})),
        open_relative=Count("pk", filter=at_end & Q(**{level: "relative"})),
        open_accident=Count("pk", filter=at_end & Q(**{level: "accident"})),
        reviews_overdue=Count("pk", filter=overdue_on(end)),
    )
    return ArchiveFigures(**row)


@dataclass(frozen=True, kw_only=True)
class AidLinks:
    """The cases behind each figure of a period (the summary's drill-down links)."""

    visits: str  # counted holiday visits: visited workers and visit money
    visits_paid: str
    relief: str  # all counted relief: relief workers and relief money
    relief_paid: str
    living: str
    medical: str
    education: str
    pending: str  # draft or submitted cases of the period (for the warning)
    unpaid: str  # approved, not yet paid
    archives_open: str  # archives active at the end (and by category)
    archives_open_extreme: str
    archives_open_relative: str
    archives_open_accident: str
    archives_open_before: str
    archives_new: str
    archives_relapsed: str
    archives_exited: str
    reviews_overdue: str

    paid: str = ""  # paid cases of the period (all sources)

    def paid_from(self, source: str) -> str:
        """The paid cases of the period charged to the source named `source`."""
        return f"{self.paid}&{urlencode({'fund_source': source})}"


def links(start: date, end: date) -> AidLinks:
    """Where the figures of `start`..`end` come from, as filtered case lists."""
    def cases(kind: str = "", status: str = "counted") -> str:
        return list_url("aid:case-list", reported_from=start, reported_to=end, kind=kind,
                        status=status)

    kinds, paid = AidCase.Kind, AidCase.Status.PAID
    return AidLinks(visits=cases(kinds.VISIT), visits_paid=cases(kinds.VISIT, paid),
                    relief=cases("relief"), relief_paid=cases("relief", paid),
                    living=cases(kinds.LIVING), medical=cases(kinds.MEDICAL),
                    education=cases(kinds.EDUCATION), pending=cases(status="pending"),
                    unpaid=cases(status=AidCase.Status.APPROVED), paid=cases(status=paid),
                    **archive_links(start, end))


def archive_links(start: date, end: date) -> dict[str, str]:
    """The archive list behind each archive figure."""
    def workers(**filters: object) -> str:
        return list_url("aid:worker-list", **filters)

    return {
        "archives_open": workers(open_on=end),
        "archives_open_extreme": workers(open_on=end, level="extreme"),
        "archives_open_relative": workers(open_on=end, level="relative"),
        "archives_open_accident": workers(open_on=end, level="accident"),
        "archives_open_before": workers(open_on=start - timedelta(days=1)),
        "archives_new": workers(spell="new", started_from=start, started_to=end),
        "archives_relapsed": workers(spell="relapse", started_from=start, started_to=end),
        "archives_exited": workers(exited_from=start, exited_to=end),
        "reviews_overdue": workers(overdue_on=end),
    }


def years_with_data() -> set[int]:
    """Years in which aid was granted: the periods worth summarising."""
    return years_with(AidCase.objects.all(), "granted_on")
