"""The national hardship-worker archive form (困难职工档案表): what of an archive it shows.

Read-only helpers shared by the Word form (aid/national_form_word.py) and the Excel export and
import (aid/national_form_excel.py): the archives with everything the form prints in a fixed
number of queries, and the procedure's latest steps of one archive. The archive's models and
their writes belong to aid/models.py, aid/archive_models.py and aid/archive_services.py.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from .models import (
    ArchiveSpell,
    HardshipWorker,
    HomeSurvey,
    NoticeObjection,
    PublicNotice,
    ReviewOutcome,
)

# A batch of Word forms is built within the request, bounded: one A4 page per archive takes about
# 15 ms to build (70 ms on a machine five times overloaded), so that 200 stay a short request
# (DESIGN §2) — a union's or a category's archives at once; a larger list is narrowed by its
# filters and printed in parts, rather than queued: the office prints what it is working on.
WORD_BATCH_LIMIT = 200


def form_archives(workers: QuerySet[HardshipWorker]) -> QuerySet[HardshipWorker]:
    """`workers` with what the form shows: union, members, spells (with the approving
    leader), surveys, notices and their objections, reviews — six queries however many."""
    return workers.select_related("union").prefetch_related(
        "members",
        Prefetch("spells", queryset=ArchiveSpell.objects.select_related("approved_by")
                 .order_by("started_on", "pk")),
        Prefetch("surveys", queryset=HomeSurvey.objects.order_by("-surveyed_on", "-pk")),
        Prefetch("notices", queryset=PublicNotice.objects.order_by("-starts_on", "-pk")
                 .prefetch_related(Prefetch(
                     "objections", queryset=NoticeObjection.objects.order_by("raised_on", "pk")))),
        Prefetch("reviews", queryset=ReviewOutcome.objects.select_related("round")
                 .order_by("-round__year", "-surveyed_on", "-pk")),
    )


@dataclass(frozen=True, kw_only=True)
class Procedure:
    """An archive's latest home survey, public notice, spell and yearly review (each may be
    missing), read from the prefetched lists of `form_archives()`."""

    survey: HomeSurvey | None
    notice: PublicNotice | None
    spell: ArchiveSpell | None
    spells: list[ArchiveSpell]
    review: ReviewOutcome | None

    @property
    def approved_on(self) -> date | None:
        return self.spell.started_on if self.spell else None

    @property
    def approver(self) -> str:
        user = self.spell.approved_by if self.spell else None
        return (user.get_full_name() or user.get_username()) if user else ""


def procedure_of(worker: HardshipWorker) -> Procedure:
    spells = list(worker.spells.all())
    return Procedure(
        survey=next(iter(worker.surveys.all()), None),
        notice=next(iter(worker.notices.all()), None),
        spell=spells[-1] if spells else None,
        spells=spells,
        review=next(iter(worker.reviews.all()), None),
    )

