"""The Django admin of versioned records: stale forms refused there too (core.locking).

Every ModelAdmin and inline of a model with a `version` uses `VersionedAdmin` / `VersionedInline`
(tests/core/test_versions.py walks the admin to make sure). Saving raises the version anyway
(core.versioning), so a form opened on the site before an admin's change is refused; these
mixins add the other direction: an admin form opened before someone else's save is refused
instead of writing the older values back. Reverting to an audit-trail version is not offered
for these records: it would write an old row whole, past the stale check; edit the record.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied

from .locking import StaleEdit, lock_version

SEEN = "seen_version"


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the form was opened at; saving locks the row and checks it."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    check_unchanged = True  # the main form writes every field back, changed or not

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[SEEN].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or not (self.check_unchanged or self.has_changed()):
            return cleaned
        seen = cleaned.get(SEEN)
        if seen is None:
            raise StaleEdit
        # The admin saves in one transaction: the row stays locked until it is saved.
        self.instance.version = lock_version(type(self.instance), self.instance.pk, seen=seen)
        return cleaned


class VersionedInlineForm(VersionedAdminForm):
    check_unchanged = False  # an inline row left as it was is not saved


class VersionedAdmin:
    """Mixin for the ModelAdmin of a versioned model (put it first)."""

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if SEEN in flatten_fieldsets(fieldsets) or not self.has_change_permission(request, obj):
            return fieldsets  # (a read-only page has nothing to check)
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], SEEN]}), *fieldsets[1:]]

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":  # the button is hidden; a hand-made POST is refused
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedInline(VersionedAdmin):
    """Mixin for an inline of a versioned model (put it first)."""

    form = VersionedInlineForm
