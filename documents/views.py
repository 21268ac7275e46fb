"""Proof documents: upload to a record, preview, download, withdraw. Every file leaves through
`FileView`, which checks the user's role for the record's model each time; nothing is cached."""

from csp.constants import SELF
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.audit import history_entries

from . import selectors, services
from .forms import UploadForm, WithdrawForm
from .storage import documents_storage
from .uploads import LimitedUploadHandler


class SignedInMixin(AccessMixin):
    """Anonymous visitors go to the login page; the role is checked per record's model."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


# The upload handler must be in place before anything reads the body, and the CSRF middleware
# reads it: the view is exempted from the middleware and checks the token itself (csrf_protect
# on `_post`), after the handler is installed (Django's documented pattern).
@method_decorator(csrf_exempt, name="dispatch")
class UploadView(SignedInMixin, View):
    template_name = "documents/upload.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.record = self.access = None

    def dispatch(self, request, record_type, object_id):
        if request.user.is_authenticated:
            self.record, self.access = selectors.record_for(record_type, object_id,
                                                            request.user, "upload")
        return super().dispatch(request, record_type, object_id)

    def get(self, request, record_type, object_id):
        return self.show(UploadForm(kinds=self.access.kinds))

    def post(self, request, record_type, object_id):
        handler = LimitedUploadHandler(request, settings.DOCUMENT_MAX_BYTES)
        request.upload_handlers.insert(0, handler)
        return self._post(request, handler)

    @method_decorator(csrf_protect)
    def _post(self, request, handler):
        form = UploadForm(request.POST, request.FILES, kinds=self.access.kinds,
                          too_large=handler.too_large)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document = services.document_upload(
                    record=self.record, kind=form.cleaned_data["kind"], content=upload.read(),
                    filename=upload.name, notes=form.cleaned_data["notes"], by=request.user)
            except ValidationError as refused:
                form.add_error("file" if not hasattr(refused, "error_dict") else None, refused)
            else:
                messages.success(request, _("“%(name)s” uploaded.") % {"name": document.filename})
                return redirect(self.record.get_absolute_url())
        return self.show(form)

    def show(self, form):
        return render(self.request, self.template_name, {"form": form, "record": self.record})


class PreviewView(SignedInMixin, View):
    """The document shown in the page (an image, or the PDF in a same-origin frame), with its
    download link and audit trail."""

    def get(self, request, pk):
        document, record = selectors.document_for(pk, request.user)
        permissions = selectors.permissions(request.user, selectors.access_for_document(document))
        return render(request, "documents/preview.html", {
            "document": document, "record": record, "permissions": permissions,
            "history": history_entries(document)})


class FileView(SignedInMixin, View):
    """The file itself: as an attachment to download, or inline for the preview (images and
    PDFs only, framed by our own pages only); never cached, never sniffed."""

    as_attachment = True

    def get(self, request, pk):
        document, _record = selectors.document_for(pk, request.user)
        return file_response(document.storage_key, document.media_type, document.filename,
                             as_attachment=self.as_attachment)


class ThumbnailView(SignedInMixin, View):
    def get(self, request, pk):
        document, _record = selectors.document_for(pk, request.user)
        if not document.thumbnail_key:
            raise Http404
        return file_response(document.thumbnail_key, "image/jpeg",
                             f"{document.filename.rpartition('.')[0] or 'thumbnail'}.jpg",
                             as_attachment=False)


def file_response(key: str, media_type: str, filename: str, *, as_attachment: bool):
    try:
        stored = documents_storage().open(key, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # FileResponse writes Content-Disposition with the RFC 5987 filename*= for non-ASCII names.
    response = FileResponse(stored, as_attachment=as_attachment, filename=filename,
                            content_type=media_type)
    patch_cache_control(response, no_store=True, private=True, max_age=0)
    response["X-Content-Type-Options"] = "nosniff"
    if not as_attachment:
        # Our preview page frames it; no other site may.
        response["X-Frame-Options"] = "SAMEORIGIN"  # XFrameOptionsMiddleware keeps it
        response._csp_replace = {"frame-ancestors": [SELF]}
    return response


class WithdrawView(SignedInMixin, View):
    """Confirm, with a reason, then withdraw (the file stays, the act is in the audit trail)."""

    def dispatch(self, request, pk):
        if request.user.is_authenticated:
            self.document, self.record = selectors.document_for(
                pk, request.user, "withdraw", withdrawn=True)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        if self.document.is_withdrawn:
            return redirect(self.record.get_absolute_url())
        return self.show(WithdrawForm())

    def post(self, request, pk):
        if self.document.is_withdrawn:
            messages.info(request, _("This document was already withdrawn."))
            return redirect(self.record.get_absolute_url())
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.document_withdraw(document_id=self.document.pk,
                                           reason=form.cleaned_data["reason"], by=request.user)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, _("“%(name)s” withdrawn.")
                                 % {"name": self.document.filename})
                return redirect(self.record.get_absolute_url())
        return self.show(form)

    def show(self, form):
        return render(self.request, "documents/withdraw.html",
                      {"form": form, "document": self.document, "record": self.record})
