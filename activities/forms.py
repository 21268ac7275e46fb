from django import forms

from core.forms import DATE_INPUT
from core.picker import pick_in
from unions.pickers import unions_field

from .models import Activity


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "kind", "edition", "cup", "held_on", "level", "co_organisers",
                  "participants", "participant_count", "unions", "results", "awards"]
        widgets = {"held_on": DATE_INPUT, "results": forms.Textarea(attrs={"rows": 3}),
                   "awards": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pick_in(self, "unions", unions_field())

