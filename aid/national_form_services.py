"""Writes of the national form's import: archives moved in from another system.

The state an imported archive arrives in is the state its file says the procedure reached,
because the file is the county's archive as approved before (docs/import-formats.md):
- with an approval date: approved — active from that date, one spell (its approver is the
  leader named on paper, not a user here, so the spell has none, like the spells of archives
  kept before the procedure), or out of hardship if it has a date of leaving;
- otherwise: draft, survey recorded, or in notice, and it goes on through the procedure here.
Its 建档 date is the one in the file. The audit names the importing user and says "imported".
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import EDITORS, has_role

from .models import ArchiveSpell, HardshipWorker, HomeSurvey, HouseholdMember, PublicNotice

IMPORT_REASON = "从困难职工档案表导入"  # the audit's change reason (a Chinese record)


@dataclass
class ImportedArchive:
    """One archive of an import: unsaved, validated by the importer."""

    worker: HardshipWorker
    members: list[HouseholdMember] = field(default_factory=list)
    survey: tuple[date, str, str] | None = None  # surveyed on, who went, findings
    notice: tuple[date, date, str] | None = None  # from, to, place
    approved_on: date | None = None
    exited_on: date | None = None
    exit_reason: str = ""

    def state(self) -> str:
        state = HardshipWorker.State
        if self.approved_on:
            return state.EXITED if self.exited_on else state.ACTIVE
        if self.notice:
            return state.IN_NOTICE
        return state.SURVEYED if self.survey else state.DRAFT


def _audited(record, by: User):
    record._history_user = by  # the audit names the user even in the background worker
    record._change_reason = IMPORT_REASON
    return record


def archives_import(*, archives: Sequence[ImportedArchive], by: User
                    ) -> list[HardshipWorker]:
    """Save imported archives with their members, survey, notice and spell, all or none."""
    if not has_role(by, *EDITORS):
        raise PermissionDenied(_("Your role does not allow this."))
    saved = []
    with transaction.atomic():
        for archive in archives:
            saved.append(_save(archive, by))
    return saved


def _save(archive: ImportedArchive, by: User) -> HardshipWorker:
    worker = archive.worker
    worker.state = archive.state()
    worker.exited_on = archive.exited_on if archive.approved_on else None
    _audited(worker, by).save()
    for member in archive.members:
        member.worker = worker
        _audited(member, by).save()
    if archive.survey:
        surveyed_on, surveyors, findings = archive.survey
        _audited(HomeSurvey(worker=worker, surveyed_on=surveyed_on, surveyors=surveyors,
                            findings=findings, recorded_by=by), by).save()
    if archive.notice:
        starts_on, ends_on, place = archive.notice
        _audited(PublicNotice(worker=worker, starts_on=starts_on, ends_on=ends_on, place=place,
                              recorded_by=by), by).save()
    if archive.approved_on:
        _audited(ArchiveSpell(worker=worker, started_on=archive.approved_on,
                              ended_on=archive.exited_on, end_reason=archive.exit_reason),
                 by).save()
    return worker
