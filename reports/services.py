"""Assembling, checking and publishing the half-year summary."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role, has_role
from core.dates import sane_years
from core.money import wan, yuan
from core.periods import Period

from . import document as doc
from . import figures, frozen
from .models import Federation, Publication, Summary


@dataclass(frozen=True, kw_only=True)
class Assembly:
    document: doc.Document
    warnings: list[str]
    figures: figures.AllFigures


def summary_for(period: Period) -> Summary:
    """The period's narrative row (created empty on first use)."""
    summary, _created = Summary.objects.get_or_create(year=period.year, half=period.half)
    return summary


def narrative_of(summary: Summary | None) -> dict[str, str]:
    """The narrative fields of a summary by name (none without a summary)."""
    if summary is None:
        return {}
    return {name: getattr(summary, name) for name in Summary.NARRATIVE_FIELDS}


def assemble(period: Period, summary: Summary | None = None) -> Assembly:
    """The live document of a period and its consistency warnings (fixed query count)."""
    with translation.override("zh-hans"):  # the summary is a Chinese document, whatever the UI
        now = figures.for_period(period)
        before = figures.for_period(period.year_earlier())
        document = doc.build(period, Federation.current().name, now, before,
                             figures.links_for(period), narrative_of(summary),
                             figures.member_trend(period))
    return Assembly(document=document, warnings=consistency_warnings(now), figures=now)


def consistency_warnings(f: figures.AllFigures) -> list[str]:
    """What makes the figures incomplete or inconsistent; shown on the page, never exported."""
    warnings = []
    if f.aid.pending_cases:
        warnings.append(_("%(count)d aid cases (%(money)s) in this period are not approved yet "
                          "and are not counted.")
                        % {"count": f.aid.pending_cases, "money": yuan(f.aid.pending_money)})
    if f.unions.unions_without_return:
        warnings.append(_("%(count)d active unions have no headcount return on or before the "
                          "end of the period; their members are missing.")
                        % {"count": f.unions.unions_without_return})
    if f.economy.target is None:
        warnings.append(_("There is no annual value-added target for this year; the completion "
                          "rate cannot be computed."))
    if sum(s.value_added for s in f.economy.by_sector) != f.economy.value_added:
        warnings.append(_("The value added by sector does not add up to the total."))
    if f.unions.employed + f.unions.laid_off != f.unions.workers:
        warnings.append(_("Employed and laid-off workers do not add up to the workers."))
    if sum(f.pairings.projects_by_sector.values()) != f.pairings.projects:
        warnings.append(_("The projects by sector do not add up to the projects."))
    if f.pairings.funds_injected > f.pairings.funds_raised:
        warnings.append(_("More pairing funds were injected (%(injected)s) than raised "
                          "(%(raised)s).") % {"injected": wan(f.pairings.funds_injected),
                                               "raised": wan(f.pairings.funds_raised)})
    if f.pairings.donations_disbursed > f.pairings.donations_received:
        warnings.append(_("More student-aid donations were disbursed than received."))
    if f.aid.living_money + f.aid.medical_money + f.aid.education_money != f.aid.relief_money:
        warnings.append(_("Relief by kind does not add up to the relief total."))
    return warnings


def summary_publish(*, period: Period, by: User) -> Publication:
    """Freeze the period's document as a new numbered version. Only leaders publish."""
    if not has_role(by, Role.LEADER):
        raise PermissionDenied(_("Only leaders publish summaries."))
    with transaction.atomic():
        summary = summary_for(period)
        summary = Summary.objects.select_for_update().get(pk=summary.pk)
        assembly = assemble(period, summary)
        number = (summary.publications.aggregate(n=Max("number"))["n"] or 0) + 1
        return Publication.objects.create(summary=summary, number=number,
                                          document=frozen.dump(assembly.document), published_by=by)


def changed_since(publication: Publication | None,
                  document: doc.Document) -> list[tuple[str, str]]:
    """(published, live) pairs of figures that differ between a publication and the live page."""
    if publication is None:
        return []
    old = publication.content().figure_texts()
    new = document.figure_texts()
    if len(old) != len(new):
        return [(" ".join(old), " ".join(new))]
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    summary: Summary | None
    publications: int


def period_rows() -> list[PeriodRow]:
    """Every half-year and year with records or a summary, newest first; only the years a typed
    date can fall in (core.dates.sane_years()), whatever dates legacy records hold."""
    summaries = {(s.year, s.half): s for s in Summary.objects.annotate_publications()}
    years = (figures.data_years() | {year for year, _half in summaries}) & set(sane_years())
    rows = []
    for year in sorted(years, reverse=True):
        for half in ("year", "h2", "h1"):
            summary = summaries.get((year, half))
            rows.append(PeriodRow(Period(year, half), summary,
                                  summary.publication_count if summary else 0))
    return rows
