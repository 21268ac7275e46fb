"""What makes a period's summary incomplete or misleading: shown on the page and in the publish
confirmation (where the leader acknowledges them), never in the exported document.

Each warning says what is wrong in the interface's language, links to where it is put right, and
carries an `identity` that does not depend on the language: the publish confirmation is refused
when the warnings changed since the leader read them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import wan, yuan
from core.periods import Period

from .document import percent_text
from .figures import AllFigures, AllLinks
from .writing import returned_to


@dataclass(frozen=True, kw_only=True)
class SummaryWarning:
    key: str  # what it is about: "pending", "zero.aid.visits", …
    text: str  # in the interface's language
    url: str  # where it is put right
    action: str  # the link's words
    identity: str  # key and numbers, whatever the language


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _days(first: date | None, last: date | None) -> str:
    """"2012-06-30", or "2011-12-31 – 2012-06-30" when the dates differ."""
    return _day(last) if first == last else f"{_day(first)} – {_day(last)}"


@dataclass(frozen=True)
class _Check:
    """The inputs of every check of one period."""

    period: Period
    now: AllFigures
    before: AllFigures
    links: AllLinks
    today: date
    addressee: str
    federation_url: str


def summary_warnings(*, period: Period, now: AllFigures, before: AllFigures, links: AllLinks,
                     today: date, addressee: str, federation_url: str) -> list[SummaryWarning]:
    """Every warning of a period's summary, in the order of the document."""
    check = _Check(period, now, before, links, today, addressee, federation_url)
    found: list[SummaryWarning] = []
    for rule in RULES:
        found.extend(rule(check))
    return found


def _period(c: _Check) -> list[SummaryWarning]:
    found = []
    if c.period.start > c.today:
        found.append(SummaryWarning(
            key="future", identity="future",
            text=_("This period has not begun yet: it cannot be published."),
            url=reverse("reports:period-list"), action=_("Choose another period")))
    elif c.period.end >= c.today:
        found.append(SummaryWarning(
            key="ongoing", identity=f"ongoing:{c.today}",
            text=_("The period runs until %(end)s: its figures will change until then.")
            % {"end": _day(c.period.end)},
            url=reverse("reports:period-list"), action=_("Choose another period")))
    if not c.addressee.strip():
        found.append(SummaryWarning(
            key="addressee", identity="addressee",
            text=_("The document has no addressee (主送): the federation's record names none."),
            url=c.federation_url, action=_("Set the addressee")))
    return found


def _headcounts(c: _Check) -> list[SummaryWarning]:
    u, to, end = c.now.unions, c.links.unions, c.period.end
    found = []
    if u.unions_without_return:
        found.append(SummaryWarning(
            key="no_headcount", identity=f"no_headcount:{u.unions_without_return}",
            text=_("%(count)d active unions have no headcount return on or before the end of "
                   "the period; their members are missing.") % {"count": u.unions_without_return},
            url=to.active, action=_("See the unions")))
    import_url = reverse("unions:headcount-import")
    if u.unions_not_returned:
        found.append(SummaryWarning(
            key="headcounts_not_returned",
            identity=f"headcounts_not_returned:{u.unions_not_returned}:{u.counts_from}",
            text=_("%(count)d active unions filed no headcount return within the period: "
                   "members and workers are taken from earlier returns (as of %(dates)s), and "
                   "the document says so.")
            % {"count": u.unions_not_returned, "dates": _days(u.counts_from, u.counts_to)},
            url=import_url, action=_("Import headcount returns")))
    elif u.counts_to and u.counts_to != end:
        found.append(SummaryWarning(
            key="headcounts_dated", identity=f"headcounts_dated:{u.counts_to}",
            text=_("Members and workers are as of %(day)s, the date of the latest returns, not "
                   "the end of the period (%(end)s); the document says so.")
            % {"day": _day(u.counts_to), "end": _day(end)},
            url=import_url, action=_("Import headcount returns")))
    return found


def _economy(c: _Check) -> list[SummaryWarning]:
    e, end = c.now.economy, c.period.end
    missing = [s.label for s in e.by_sector if s.returned_to is None]
    partial = [s for s in e.by_sector if s.returned_to and s.returned_to < end]
    found = []
    fix = reverse("economy:return-import")
    if missing:
        found.append(SummaryWarning(
            key="value_added_missing", identity=f"value_added_missing:{len(missing)}",
            text=_("No value-added return of this period for %(count)d sectors: %(sectors)s.")
            % {"count": len(missing), "sectors": "、".join(missing)},
            url=fix, action=_("Import value-added returns")))
    if partial:
        through = returned_to(e)
        found.append(SummaryWarning(
            key="value_added_partial", identity=f"value_added_partial:{len(partial)}:{through}",
            text=_("The value-added returns of %(sectors)s end on %(day)s, before the end of "
                   "the period (%(end)s): the document writes the value added as of that date "
                   "and does not compare it with a year earlier.")
            % {"sectors": "、".join(s.label for s in partial), "day": _day(through),
               "end": _day(end)},
            url=fix, action=_("Import value-added returns")))
    if e.target is None:
        found.append(SummaryWarning(
            key="no_target", identity="no_target",
            text=_("There is no annual value-added target for this year; the completion rate "
                   "cannot be computed."),
            url=reverse("economy:target-create"), action=_("Set the annual target")))
    return found


def _aid(c: _Check) -> list[SummaryWarning]:
    a, to = c.now.aid, c.links.aid
    found = []
    if a.pending_cases:
        found.append(SummaryWarning(
            key="pending", identity=f"pending:{a.pending_cases}:{a.pending_money}",
            text=_("%(count)d aid cases (%(money)s) in this period are not approved yet and "
                   "are not counted.") % {"count": a.pending_cases, "money": yuan(a.pending_money)},
            url=to.pending, action=_("Review the pending cases")))
    if a.unpaid_cases:
        found.append(SummaryWarning(
            key="unpaid", identity=f"unpaid:{a.unpaid_cases}:{a.unpaid_money}",
            text=_("%(count)d approved aid cases (%(money)s) are not paid yet: they are counted "
                   "as granted, and the document gives the part paid out.")
            % {"count": a.unpaid_cases, "money": yuan(a.unpaid_money)},
            url=to.unpaid, action=_("Mark the cases paid")))
    return found


def _pairings(c: _Check) -> list[SummaryWarning]:
    f, b, end = c.now.pairings, c.before.pairings, c.period.end
    found = []
    rounds = c.links.pairings.rounds
    if not f.round_name and (f.last_round_name or b.pairs):
        found.append(SummaryWarning(
            key="no_round", identity=f"no_round:{f.last_round_name}",
            text=_("No poverty-alleviation round runs on %(end)s (the last one, %(round)s, ended "
                   "on %(ended)s): the document leaves the programme's figures out.")
            % {"end": _day(end), "round": f.last_round_name or "—",
               "ended": _day(f.last_round_ended_on)},
            url=rounds, action=_("See the rounds")))
    ends_now = f.round_ends_on and c.period.start <= f.round_ends_on <= end
    if f.round_name and ends_now and f.exit_target and not f.exited_pairs and f.pairs:
        found.append(SummaryWarning(
            key="no_exits", identity=f"no_exits:{f.round_name}",
            text=_("%(round)s ends on %(ended)s with an exit target of %(target)s%%, but no pair "
                   "is recorded out of poverty.")
            % {"round": f.round_name, "ended": _day(f.round_ends_on),
               "target": percent_text(f.exit_target)},
            url=c.links.pairings.pairs, action=_("See the pairs")))
    return found


# Figures that are zero where the same period a year earlier was not: (key, what, figures of an
# app -> value, link). Value added is left to the returns' warnings, headcounts to theirs.
ZERO_CHECKS: tuple[tuple[str, str, Callable[[AllFigures], int | Decimal],
                         Callable[[AllLinks], str]], ...] = (
    ("aid.visits", gettext_lazy("Holiday visits (workers)"),
     lambda f: f.aid.visited_workers, lambda _links: reverse("aid:campaign-list")),
    ("aid.relief", gettext_lazy("Relief (workers)"),
     lambda f: f.aid.relief_workers, lambda links: links.aid.relief),
    ("economy.grants", gettext_lazy("Support grants of the period"),
     lambda f: f.economy.grants_in_period, lambda links: links.economy.grants_in_period),
    ("unions.founded", gettext_lazy("Unions founded"),
     lambda f: f.unions.founded, lambda links: links.unions.founded),
    ("unions.joined", gettext_lazy("Members joined"),
     lambda f: f.unions.joined, lambda _links: reverse("unions:headcount-import")),
    ("pairings.students", gettext_lazy("Students paired"),
     lambda f: f.pairings.students, lambda links: links.pairings.students),
    ("pairings.donations", gettext_lazy("Student-aid donations received"),
     lambda f: f.pairings.donations_received, lambda links: links.pairings.donations_received),
    ("activities", gettext_lazy("Cultural and sports activities"),
     lambda f: f.activities.count, lambda links: links.activities.activities),
)


def _zeros(c: _Check) -> list[SummaryWarning]:
    found = []
    for key, what, value_of, url_of in ZERO_CHECKS:
        now, before = value_of(c.now), value_of(c.before)
        if now or not before:
            continue
        shown = wan(before) if isinstance(before, Decimal) else str(before)
        found.append(SummaryWarning(
            key=f"zero.{key}", identity=f"zero.{key}:{before}",
            text=_("%(what)s: none in this period, %(before)s a year earlier; the document "
                   "leaves the sentence out.") % {"what": what, "before": shown},
            url=url_of(c.links), action=_("See the records")))
    return found


def _sums(c: _Check) -> list[SummaryWarning]:
    f, found = c.now, []

    def add(key: str, text: str, url: str) -> None:
        found.append(SummaryWarning(key=key, identity=key, text=text, url=url,
                                    action=_("See the records")))

    if sum(s.value_added for s in f.economy.by_sector) != f.economy.value_added:
        add("sum.value_added", _("The value added by sector does not add up to the total."),
            c.links.economy.value_added)
    if f.unions.employed + f.unions.laid_off != f.unions.workers:
        add("sum.workers", _("Employed and laid-off workers do not add up to the workers."),
            c.links.unions.active)
    if sum(f.pairings.projects_by_sector.values()) != f.pairings.projects:
        add("sum.projects", _("The projects by sector do not add up to the projects."),
            c.links.pairings.projects)
    if f.pairings.funds_injected > f.pairings.funds_raised:
        add("sum.injected", _("More pairing funds were injected (%(injected)s) than raised "
                              "(%(raised)s).") % {"injected": wan(f.pairings.funds_injected),
                                                   "raised": wan(f.pairings.funds_raised)},
            c.links.pairings.funds_injected)
    if f.pairings.donations_disbursed > f.pairings.donations_received:
        add("sum.donations", _("More student-aid donations were disbursed than received."),
            c.links.pairings.donations_disbursed)
    if f.aid.living_money + f.aid.medical_money + f.aid.education_money != f.aid.relief_money:
        add("sum.relief", _("Relief by kind does not add up to the relief total."),
            c.links.aid.relief)
    return found


RULES: tuple[Callable[[_Check], list[SummaryWarning]], ...] = (
    _period, _headcounts, _economy, _pairings, _aid, _zeros, _sums)
