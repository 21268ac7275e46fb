"""Upload -> error report or preview -> confirm. Wired per importer by `imports.import_urls()`.

A small file is checked, and a small import saved, within the request; a large one by the
background worker while the batch's page shows the progress (core/import_batches.py). A batch
is seen and confirmed only by the user who uploaded it, or an admin: anyone else gets a 404.

The dependency points one way: `core.imports` wires these views; they only name its `Importer`
in annotations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.mixins import RoleRequiredMixin

from . import import_batches as batches
from . import tasks
from .exports import XLSX_CONTENT_TYPE, attachment
from .import_files import FileUnreadable, work_bytes
from .import_results import ImportResult, RowError
from .models import ImportBatch

if TYPE_CHECKING:
    from .imports import Importer

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
REFRESH_SECONDS = 2  # how often a batch's page reloads while the worker is on it


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        return upload


class ImportMixin(RoleRequiredMixin):
    importer_class: type[Importer] | None = None  # given by import_urls()
    done_url = ""
    url_name = ""
    template_name = "core/import.html"

    def importer(self) -> Importer:
        return self.importer_class()

    def url(self, suffix: str = "", *args) -> str:
        return reverse(f"{self.request.resolver_match.namespace}:{self.url_name}-import{suffix}",
                       args=args)

    def render_page(self, **context):
        importer = self.importer()
        context.update(
            importer=importer,
            columns=importer.columns,
            upload_url=self.url(),
            template_url=self.url("-template"),
            done_url=reverse(self.done_url),
        )
        return render(self.request, self.template_name, context)

    def render_errors(self, filename: str, errors: list[RowError], count: int | None = None):
        return self.render_page(form=UploadForm(), errors=errors, filename=filename,
                                error_count=len(errors) if count is None else count)


class ImportUploadView(ImportMixin, View):
    def get(self, _request):
        return self.render_page(form=UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form)
        upload = form.cleaned_data["file"]
        content, importer = upload.read(), self.importer()
        try:  # refuses an .xlsx too big unpacked from its directory, before unpacking it
            size = work_bytes(content, upload.name, importer.limits())
        except FileUnreadable as problem:
            return self.render_errors(upload.name, [RowError(problem.row, "", str(problem))])
        if batches.in_background(size):
            batch = batches.batch_queue(importer=importer, content=content,
                                        filename=upload.name, by=request.user)
            tasks.enqueue_check(batch)
            return redirect(self.url("-preview", batch.pk))
        checked = batches.check_file(importer, content, upload.name)
        if not checked.result.ok:
            return self.render_errors(upload.name, checked.result.errors,
                                      checked.result.error_count)
        batch = batches.batch_checked(importer=importer, checked=checked, content=content,
                                      filename=upload.name, by=request.user)
        return redirect(self.url("-preview", batch.pk))


class ImportPreviewView(ImportMixin, View):
    """A batch's page: its progress, its problems, or its preview and the confirm button."""

    def batches(self):
        return batches.visible_batches(self.request.user, self.importer_class.kind).light()

    def get(self, _request, batch_id):
        batch = get_object_or_404(self.batches(), pk=batch_id)
        status = ImportBatch.Status
        if batch.working:
            return self.render_page(batch=batch, working=True, refresh=REFRESH_SECONDS)
        if batch.status == status.IMPORTED:
            return self.render_page(batch=batch, already_imported=True)
        if batch.status == status.INVALID:
            return self.render_errors(batch.filename, batches.errors_of(batch),
                                      batch.error_count)
        if not batches.may_confirm(batch):  # stopped while the file was being checked
            return self.render_page(batch=batch, failed=True, form=UploadForm())
        return self.render_page(batch=batch, previewing=True, preview=batch.preview,
                                total=batch.row_count,
                                shown=len(batch.preview),
                                failed=batch.status == status.FAILED)

    def post(self, request, batch_id):
        importer, result = self.importer(), None
        with transaction.atomic():
            batch = get_object_or_404(self.batches().select_for_update(), pk=batch_id)
            if batch.status == ImportBatch.Status.IMPORTED:
                messages.info(request, _("This file has already been imported."))
                return redirect(self.done_url)
            if not batches.may_confirm(batch):  # being checked or imported, or has problems
                return redirect(self.url("-preview", batch.pk))
            later = batches.confirmed_in_background(batch)
            if later:
                batches.confirm_later(batch)
            else:
                result = batches.confirm(batch=batch, importer=importer, by=request.user)
        if later:
            tasks.enqueue_confirm(batch, request.user)
            return redirect(self.url("-preview", batch.pk))
        return self.confirmed(batch, result)

    def confirmed(self, batch: ImportBatch, result: ImportResult):
        if not result.ok:
            return self.render_errors(batch.filename, result.errors, result.error_count)
        messages.success(self.request, _("Imported %(count)d rows from %(file)s.")
                         % {"count": len(result.rows), "file": batch.filename})
        return redirect(self.done_url)


class ImportTemplateView(ImportMixin, View):
    def get(self, _request):
        importer = self.importer()
        response = HttpResponse(importer.template_workbook(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = attachment(f"{importer.title}-模板.xlsx")
        return response
