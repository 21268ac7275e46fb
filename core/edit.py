"""The one way to create and edit a record from a form.

`RecordCreateView` and `RecordUpdateView` are Django's CreateView and UpdateView with, in order:
the form gets a hidden field (a submission token, or the version it was opened at), saving runs
in one transaction through `save(form)` (override it to call the app's service), a rule the
service refuses (a ValidationError) shows on the form with nothing kept, and the success message
is given only once the record is saved. Put the role check in front:
`class CaseUpdateView(RoleRequiredMixin, RecordUpdateView)`.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView

from .locking import lock_version
from .models import FormSubmission

ALREADY_SUBMITTED = _("This form was already submitted; nothing was saved twice.")


class RecordCreateView(CreateView):
    """Create a record; the same form sent twice (double click, resend) creates one.

    The form carries a token; the first submission records it with the new record's URL, a
    repeat is sent to that URL.
    """

    success_message = ""

    def save(self, form):
        """Save the new record and return it (a service call, where the app has one)."""
        return form.save()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["submission_token"] = forms.UUIDField(widget=forms.HiddenInput,
                                                          initial=uuid.uuid4)
        return form

    def post(self, request, *args, **kwargs):
        # A repeat goes to the record before the form is checked again: re-validated, it would
        # now fail on its own first copy ("this ID number exists") instead of saying it was saved.
        done = self.earlier_submission(request.POST.get("submission_token", ""))
        if done:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect(done.target_url)
        return super().post(request, *args, **kwargs)

    def earlier_submission(self, token: str) -> FormSubmission | None:
        try:
            token = uuid.UUID(token)
        except ValueError:
            return None
        return FormSubmission.objects.filter(
            token=token, user=self.request.user).exclude(target_url="").first()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                submission, created = FormSubmission.objects.get_or_create(
                    token=form.cleaned_data["submission_token"],
                    defaults={"user": self.request.user})
                if not created:
                    messages.info(self.request, ALREADY_SUBMITTED)
                    return redirect(submission.target_url or "home")
                self.object = self.save(form)
                url = self.get_success_url()
                submission.target_url = url
                submission.save(update_fields=["target_url"])
        except ValidationError as refused:  # rolled back: the token can be used again
            return refused_on(self, form, refused)
        return saved(self.request, self.get_success_message(form), url)

    def get_success_message(self, form) -> str:
        return self.success_message % form.cleaned_data if self.success_message else ""


class RecordUpdateView(UpdateView):
    """Edit a record with a `version`: a stale form is refused and nothing is overwritten."""

    success_message = ""

    def save(self, form):
        """Save the edited record and return it (a service call, where the app has one)."""
        return form.save()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["version"] = forms.IntegerField(widget=forms.HiddenInput,
                                                    initial=self.object.version)
        return form

    def form_valid(self, form):
        try:
            with transaction.atomic():
                form.instance.version = lock_version(type(self.object), self.object.pk,
                                                     seen=form.cleaned_data["version"])
                self.object = self.save(form)
        except ValidationError as refused:  # a StaleEdit, or a rule of the service
            return refused_on(self, form, refused)
        return saved(self.request, self.get_success_message(form), self.get_success_url())

    def get_success_message(self, form) -> str:
        return self.success_message % form.cleaned_data if self.success_message else ""


def refused_on(view, form, error: ValidationError):
    """The form again with what saving refused: by field where the form has the field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
    return view.form_invalid(form)


def saved(request, message: str, url: str):
    """The one ending of a successful save: say so, then go to the record (or the given URL)."""
    if message:
        messages.success(request, message)
    return redirect(url)
