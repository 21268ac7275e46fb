from django import forms

from .models import Summary


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Summary
        fields = Summary.NARRATIVE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in Summary.NARRATIVE_FIELDS}
