from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT

from .document import Sentence
from .models import Summary

TEXT_AREA = {"rows": 4}


class NarrativeForm(forms.ModelForm):
    """What people write around the generated figures: the opening, per part a heading (empty:
    the default), a lead-in before the figures and a remark after them, the plans, the date of
    the document, and the generated sentences to leave out."""

    dropped = forms.MultipleChoiceField(
        label=_("Generated sentences to leave out"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A sentence left out stays live: tick it off again to bring it back."))

    class Meta:
        model = Summary
        fields = ("opening", *Summary.HEADING_FIELDS, *Summary.LEAD_FIELDS,
                  *(f"remark_{key}" for key in Summary.SECTIONS), "plans", "signed_on")
        widgets = {
            **{name: forms.Textarea(attrs=TEXT_AREA)
               for name in ("opening", *Summary.LEAD_FIELDS, "plans",
                            *(f"remark_{key}" for key in Summary.SECTIONS))},
            "signed_on": DATE_INPUT,
        }

    def __init__(self, *args, sentences: list[Sentence], headings: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.generated = {sentence.key for sentence in sentences}
        self.fields["dropped"].choices = [(s.key, s.text) for s in sentences]
        self.fields["dropped"].initial = [key for key in self.instance.dropped or ()
                                          if key in self.generated]
        for key, heading in headings.items():
            field = self.fields[f"heading_{key}"]
            field.widget.attrs["placeholder"] = heading
            field.help_text = _("Empty: “%(heading)s”, which follows the figures.") % {
                "heading": heading}

    def sections(self) -> list[tuple[str, list]]:
        """The fields of each part, in the document's order (for the template)."""
        parts = []
        for key in Summary.SECTIONS:
            names = [f"heading_{key}", f"lead_{key}", f"remark_{key}"]
            parts.append((key, [self[name] for name in names if name in self.fields]))
        return parts

    def clean_dropped(self) -> list[str]:
        # Sentences not written now (no such figure this time) stay left out.
        kept_out = [key for key in self.instance.dropped or () if key not in self.generated]
        return sorted({*kept_out, *self.cleaned_data["dropped"]})

    def save(self, commit: bool = True) -> Summary:
        self.instance.dropped = self.cleaned_data["dropped"]
        return super().save(commit=commit)


class PublishForm(forms.Form):
    """The leader's confirmation: what they saw (`fingerprint`), and that they read the
    warnings, if there are any."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    acknowledged = forms.BooleanField(
        label=_("I have read these warnings and publish the summary as it stands."),
        required=False)

    def __init__(self, *args, warnings: int, **kwargs):
        super().__init__(*args, **kwargs)
        if warnings:
            self.fields["acknowledged"].required = True
            self.fields["acknowledged"].error_messages["required"] = _(
                "Tick the box to confirm that you have read the warnings.")
        else:
            del self.fields["acknowledged"]
