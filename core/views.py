import logging
import sys
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import locking
from .lists import query_without  # noqa: F401  (moved; kept until every app uses core.lists)
from .models import FormSubmission

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """What the signed-in user can do, by role (the template shows only what exists)."""

    template_name = "core/home.html"


def server_error(_request):
    """handler500: a lost database gets a friendly 503 (retry soon), anything else the 500 page.

    Both templates are plain HTML that needs no database (no session, no user).
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


@login_not_required
@never_cache
@require_GET
def healthz(_request):
    """200 when the database answers, 503 when it does not; never says why to the caller."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


STALE_MESSAGE = locking.STALE_MESSAGE


class OptimisticLockMixin:
    """For UpdateView on a model with `version`: a stale form is refused, nothing overwritten.

    The form carries the version it was opened at; saving locks the row, compares, and bumps it.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["version"] = forms.IntegerField(widget=forms.HiddenInput,
                                                    initial=self.object.version)
        return form

    def form_valid(self, form):
        model = type(self.object)
        with transaction.atomic():
            try:
                form.instance.version = locking.lock_version(
                    model, self.object.pk, seen=form.cleaned_data["version"])
            except locking.StaleEdit as stale:
                form.add_error(None, stale)
                return self.form_invalid(form)
            return super().form_valid(form)


class IdempotentCreateMixin:
    """For CreateView: the same form submitted twice (double click, resend) creates one record.

    The form carries a token; the first submission records it with the new record's URL, a repeat
    is sent to that URL.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["submission_token"] = forms.UUIDField(widget=forms.HiddenInput,
                                                          initial=uuid.uuid4)
        return form

    def post(self, request, *args, **kwargs):
        # A repeat goes to the record before the form is checked again: re-validated, it would
        # now fail on its own first copy ("this ID number exists") instead of saying it was saved.
        try:
            token = uuid.UUID(request.POST.get("submission_token", ""))
        except ValueError:
            token = None
        done = token and FormSubmission.objects.filter(
            token=token, user=request.user).exclude(target_url="").first()
        if done:
            messages.info(request, _("This form was already submitted; "
                                     "nothing was saved twice."))
            return redirect(done.target_url)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        token = form.cleaned_data["submission_token"]
        with transaction.atomic():
            submission, created = FormSubmission.objects.get_or_create(
                token=token, defaults={"user": self.request.user}
            )
            if not created:
                messages.info(self.request, _("This form was already submitted; "
                                              "nothing was saved twice."))
                return redirect(submission.target_url or "home")
            response = super().form_valid(form)
            if not isinstance(response, HttpResponseRedirectBase):
                # The save was refused after all (the form came back with errors): keep nothing,
                # so that the corrected form can be sent again with the same token.
                transaction.set_rollback(True)
                return response
            submission.target_url = response.url
            submission.save(update_fields=["target_url"])
        return response
