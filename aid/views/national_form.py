"""The archive as the office knows it: the national form in Word (one archive or a batch) and
the archive list in the national form's Excel layout. The import is wired in aid/urls.py
(core.imports.import_urls with aid.national_form_excel.ArchiveImporter)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from accounts.mixins import RoleRequiredMixin
from accounts.roles import EDITORS, READERS
from core.exports import XLSX_CONTENT_TYPE, attachment

from ..models import HardshipWorker
from ..national_form import WORD_BATCH_LIMIT, form_archives
from ..national_form_excel import FULL_ID_MARK, archive_workbook
from ..national_form_word import archive_docx
from .workers import WorkerListView

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response


class ArchiveFormView(RoleRequiredMixin, View):
    """One archive's national form (ID numbers whole: the roles that may see them)."""

    roles = READERS

    def get(self, _request, pk):
        worker = get_object_or_404(form_archives(HardshipWorker.objects.all()), pk=pk)
        return _download(archive_docx([worker]), DOCX_CONTENT_TYPE,
                         f"困难职工档案表-{worker.name}.docx")


class ArchiveFormBatchView(WorkerListView):
    """The forms of the archives ticked on the list (`pk` repeated, `chosen`) or else of the
    filtered list, one section each, built within the request up to WORD_BATCH_LIMIT archives."""

    roles = READERS

    def get(self, request, *args, **kwargs):
        workers = self.filtered_queryset()
        chosen = [pk for pk in request.GET.getlist("pk") if pk.isascii() and pk.isdigit()]
        if chosen or request.GET.get("chosen"):  # the ticked ones (none ticked: none)
            workers = workers.filter(pk__in=chosen)
        count = workers.count()
        if not count or count > WORD_BATCH_LIMIT:
            messages.error(request, _("Choose between 1 and %(max)d archives for one Word file "
                                      "(now %(count)d): narrow the list with its filters.")
                           % {"max": WORD_BATCH_LIMIT, "count": count})
            return redirect(f"{reverse('aid:worker-list')}?{request.GET.urlencode()}")
        day = timezone.localdate().isoformat()
        return _download(archive_docx(form_archives(workers)), DOCX_CONTENT_TYPE,
                         f"困难职工档案表-{day}.docx")


class ArchiveExportView(WorkerListView):
    """The filtered archives in the national form's Excel layout, ID numbers masked."""

    roles = READERS
    full_id = False

    def get(self, _request, *args, **kwargs):
        workers = form_archives(self.filtered_queryset())
        mark = FULL_ID_MARK if self.full_id else ""
        day = timezone.localdate().isoformat()
        return _download(archive_workbook(workers, full_id=self.full_id), XLSX_CONTENT_TYPE,
                         f"困难职工档案{mark}-{day}.xlsx")


class ArchiveFullExportView(ArchiveExportView):
    """The same with full ID numbers, marked so in its name and first sheet: the file that
    moves archives to another system (the import refuses masked numbers). Only for the roles
    that enter and import archives."""

    roles = EDITORS
    full_id = True
