"""Upload -> error report or preview -> confirm. Wired per importer by `imports.import_urls()`.

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.mixins import RoleRequiredMixin

from .exports import XLSX_CONTENT_TYPE, attachment
from .models import ImportBatch

if TYPE_CHECKING:
    from .imports import Importer

PREVIEW_ROWS = 50
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


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


class ImportUploadView(ImportMixin, View):
    def get(self, _request):
        return self.render_page(form=UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form=form)
        upload = form.cleaned_data["file"]
        content = upload.read()
        result = self.importer().parse(content, upload.name)
        if not result.ok:
            return self.render_page(form=UploadForm(), errors=result.errors,
                                    filename=upload.name)
        batch = ImportBatch.objects.create(
            kind=self.importer_class.kind, filename=upload.name[:200], content=content,
            row_count=len(result.rows), uploaded_by=request.user,
        )
        return redirect(self.url("-preview", batch.pk))


class ImportPreviewView(ImportMixin, View):
    def batch(self, batch_id: int) -> ImportBatch:
        return get_object_or_404(ImportBatch, pk=batch_id, kind=self.importer_class.kind)

    def get(self, _request, batch_id):
        batch = self.batch(batch_id)
        if batch.status == ImportBatch.Status.IMPORTED:
            return self.render_page(batch=batch, already_imported=True)
        importer = self.importer()
        result = importer.parse(bytes(batch.content), batch.filename)
        if not result.ok:  # the records changed since the upload
            return self.render_page(form=UploadForm(), errors=result.errors,
                                    filename=batch.filename)
        preview = [(row.number, importer.preview_cells(row)) for row in result.rows[:PREVIEW_ROWS]]
        return self.render_page(batch=batch, preview=preview, total=len(result.rows),
                                shown=len(preview))

    def post(self, request, batch_id):
        with transaction.atomic():
            batch = get_object_or_404(
                ImportBatch.objects.select_for_update(), pk=batch_id,
                kind=self.importer_class.kind,
            )
            if batch.status == ImportBatch.Status.IMPORTED:
                messages.info(request, _("This file has already been imported."))
                return redirect(self.done_url)
            result = self.importer().run(bytes(batch.content), batch.filename, by=request.user)
            if result.ok:
                batch.status = ImportBatch.Status.IMPORTED
                batch.row_count = len(result.rows)
                batch.imported_at = timezone.now()
                batch.save(update_fields=["status", "row_count", "imported_at"])
        if not result.ok:
            return self.render_page(form=UploadForm(), errors=result.errors,
                                    filename=batch.filename)
        messages.success(request, _("Imported %(count)d rows from %(file)s.")
                         % {"count": len(result.rows), "file": batch.filename})
        return redirect(self.done_url)


class ImportTemplateView(ImportMixin, View):
    def get(self, _request):
        importer = self.importer()
        response = HttpResponse(importer.template_workbook(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = attachment(f"{importer.title}-模板.xlsx")
        return response
