"""Assembling, checking and publishing the half-year summary."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role, has_role
from core import freshness
from core.dates import sane_years
from core.periods import Period

from . import document as doc
from . import figures, frozen
from .models import Federation, Publication, Summary
from .warnings import SummaryWarning, summary_warnings
from .writing import Narrative, build

FUTURE_MESSAGE = gettext_lazy("This period has not begun yet: it cannot be published.")
CHANGED_MESSAGE = gettext_lazy(
    "The summary or its warnings changed after you opened the confirmation. Nothing was "
    "published: read them again below.")


@dataclass(frozen=True, kw_only=True)
class Assembly:
    document: doc.Document
    warnings: list[SummaryWarning]
    figures: figures.AllFigures
    sentences: list[doc.Sentence]  # every generated sentence, the dropped ones included
    default_headings: dict[str, str]  # section key -> the heading the data give

    @property
    def fingerprint(self) -> str:
        """The document and its warnings, whatever the language: what a leader confirms."""
        content = json.dumps([frozen.dump(self.document), [w.identity for w in self.warnings]],
                             ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()


def summary_for(period: Period) -> Summary:
    """The period's narrative row (created empty on first use)."""
    summary, _created = Summary.objects.get_or_create(year=period.year, half=period.half)
    return summary


def narrative_of(summary: Summary | None) -> Narrative:
    """What people wrote for a period (nothing without a summary)."""
    if summary is None:
        return Narrative()
    keys = Summary.SECTIONS
    return Narrative(
        opening=summary.opening, plans=summary.plans,
        headings={key: getattr(summary, f"heading_{key}") for key in keys},
        leads={key: getattr(summary, f"lead_{key}", "") for key in keys},
        remarks={key: getattr(summary, f"remark_{key}") for key in keys},
        dropped=frozenset(summary.dropped or ()),
        signed_on=summary.signed_on,
    )


def assemble(period: Period, summary: Summary | None = None, *,
             today: date | None = None) -> Assembly:
    """The live document of a period and its warnings (a fixed number of queries).

    The document is dated as the narrative says, else `today` (the day it would be published).
    """
    today = today or timezone.localdate()
    federation = Federation.current()
    narrative = narrative_of(summary)
    if narrative.signed_on is None:
        narrative = replace(narrative, signed_on=today)
    with translation.override("zh-hans"):  # the summary is a Chinese document, whatever the UI
        # (the figures name sectors in the active language; cached per data version by
        # core.freshness: exact and live)
        now, before, trend = freshness.cached(("summary", period.year, period.half),
                                              lambda: figures.summary_data(period))
        links = figures.links_for(period, now)

        def written(told: Narrative) -> doc.Document:
            return build(period=period, federation=federation.name,
                         addressee=federation.addressee, now=now, before=before, links=links,
                         narrative=told, trend=trend)

        document = written(narrative)
        everything = written(replace(narrative, dropped=frozenset(), headings={}))
    warnings = summary_warnings(
        period=period, now=now, before=before, links=links, today=today,
        addressee=federation.addressee,
        federation_url=reverse("reports:federation"))
    return Assembly(document=document, warnings=warnings, figures=now,
                    sentences=everything.sentences(),
                    default_headings={s.key: s.heading for s in everything.sections})


def summary_publish(*, period: Period, by: User, seen: str | None = None) -> Publication:
    """Freeze the period's document as a new numbered version. Only leaders publish, and not a
    period that has not begun.

    Publishing an unchanged document again (a double click, a repeated request) makes no new
    version: the latest is returned. `seen` is the fingerprint of the document and warnings the
    leader confirmed; when it is given and they changed since, nothing is published.
    """
    if not has_role(by, Role.LEADER):
        raise PermissionDenied(_("Only leaders publish summaries."))
    today = timezone.localdate()
    if period.start > today:
        raise ValidationError(FUTURE_MESSAGE, code="future")
    with transaction.atomic():
        summary = summary_for(period)
        summary = Summary.objects.select_for_update().get(pk=summary.pk)
        assembly = assemble(period, summary, today=today)
        data = json.loads(json.dumps(frozen.dump(assembly.document)))
        latest = latest_version(summary)
        if latest is not None and latest.document == data:
            return latest
        if seen is not None and seen != assembly.fingerprint:
            raise ValidationError(CHANGED_MESSAGE, code="changed")
        try:
            with transaction.atomic():
                return Publication.objects.create(
                    summary=summary, number=(latest.number if latest else 0) + 1,
                    document=data, published_by=by,
                    warnings=[warning.text for warning in assembly.warnings])
        except IntegrityError:
            # Another request published this summary meanwhile (SQLite has no row lock): the
            # same document is that version; a different one must be confirmed again.
            latest = latest_version(summary)
            if latest is not None and latest.document == data:
                return latest
            raise ValidationError(CHANGED_MESSAGE, code="changed") from None


def latest_version(summary: Summary) -> Publication | None:
    """The summary's latest published version, if any."""
    return summary.publications.order_by("-number").first()


MISSING = "—"


def changed_since(publication: Publication | None,
                  document: doc.Document) -> list[tuple[str, str]]:
    """(published, live) pairs of figures that differ between a publication and the live page;
    "—" for a figure no longer written, or not written then.

    Figures are matched by their sentence and the words before them; a publication of a schema
    before sentences had keys is matched by the figures' texts, and only what it said that the
    live page no longer says is listed (its sentences were written differently).
    """
    if publication is None:
        return []
    published = publication.content()
    if published.schema < 3:
        gone = Counter(published.figure_texts()) - Counter(document.figure_texts())
        return [(text, MISSING) for text in gone.elements()]
    old, new = _figures_by_place(published), _figures_by_place(document)
    changes = [(text, new.get(place, MISSING)) for place, text in old.items()
               if new.get(place) != text]
    changes += [(MISSING, text) for place, text in new.items() if place not in old]
    return changes


def _figures_by_place(document: doc.Document) -> dict[tuple[str, str, int], str]:
    """Each figure's text by its place: its sentence, the words before it ("医疗救助"), and
    which of the figures after the same words it is."""
    places: dict[tuple[str, str, int], str] = {}
    for sentence in document.sentences():
        words = ""
        for part in sentence.parts:
            if isinstance(part, doc.Figure):
                label = words.strip("、，；：（）。 ").removeprefix("其中")
                index = sum(1 for key in places if key[:2] == (sentence.key, label))
                places[(sentence.key, label, index)] = part.text
            else:
                words = part.text
    return places


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
