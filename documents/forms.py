from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.text import NOTE_LENGTH, REASON_LENGTH

from .models import ProofDocument

ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"


class UploadForm(forms.Form):
    """The kind and the file; the file's content is checked by the service (documents.sniffing),
    its size here and, before it is read, by documents.uploads."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ProofDocument.Kind.choices)
    file = forms.FileField(label=_("File"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=NOTE_LENGTH,
                            widget=forms.TextInput)

    def __init__(self, *args, kinds=None, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if kinds is not None:
            self.fields["kind"].choices = [c for c in ProofDocument.Kind.choices if c[0] in kinds]
        limit = filesizeformat(settings.DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = _(
            "PDF, JPEG, PNG or WebP, at most %(limit)s.") % {"limit": limit}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.too_large or (upload is not None and upload.size > settings.DOCUMENT_MAX_BYTES):
            raise forms.ValidationError(
                _("The file is larger than %(limit)s; scan it at a lower resolution or split it.")
                % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}, code="too_large")
        if upload is None:
            raise forms.ValidationError(_("Choose the file to upload."), code="required")
        return upload


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=REASON_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 2}))
