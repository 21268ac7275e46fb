"""First-run setup and the federation settings.

A database without a Federation row is a new installation: an administrator's first page is the
setup page (the federation's name, county and addressee, and this year's minimum-living line
for the archive), other users are told that an administrator has to set up first. The setup is a
list of steps (`SETUP_STEPS`), each a function that returns a bound form with a `legend` and a
`save()`; one more step is one more function in the list.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.mixins import RoleRequiredMixin
from accounts.roles import ADMINS, Role, has_role
from aid.forms import LivingStandardForm
from aid.models import LivingStandard

from .models import Federation


class FederationForm(forms.ModelForm):
    legend = _("The federation")

    class Meta:
        model = Federation
        fields = ("name", "county", "addressee")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].required = True


def federation_form(data=None) -> FederationForm:
    """The federation's name, county and addressee (the row is created on first save)."""
    return FederationForm(data, instance=Federation.objects.order_by("pk").first(),
                          prefix="federation")


def living_line_form(data=None) -> LivingStandardForm:
    """This year's minimum-living line (低保线): the archive compares incomes with it."""
    year = timezone.localdate().year
    return LivingStandardForm(data, instance=LivingStandard.objects.filter(year=year).first(),
                              initial={"year": year}, prefix="line")


SetupStep = Callable[..., forms.BaseForm]
# The first-run setup page shows these forms in order and saves them together.
SETUP_STEPS: list[SetupStep] = [federation_form, living_line_form]


class SettingsView(RoleRequiredMixin, View):
    """Forms of `steps` on one page, saved in one transaction when all are valid."""

    roles = ADMINS
    steps: tuple[SetupStep, ...] | list[SetupStep] = (federation_form,)
    template_name = "reports/setup.html"
    title = _("Federation settings")
    intro = ""
    saved_message = _("Settings saved.")

    def render_forms(self, request, forms_):
        return render(request, self.template_name,
                      {"forms": forms_, "title": self.title, "intro": self.intro})

    def get(self, request):
        return self.render_forms(request, [step() for step in self.steps])

    def post(self, request):
        forms_ = [step(request.POST) for step in self.steps]
        if not all(form.is_valid() for form in forms_):
            return self.render_forms(request, forms_)
        with transaction.atomic():
            for form in forms_:
                form.save()
        messages.success(request, self.saved_message)
        return redirect("home")


class SetupView(SettingsView):
    """The first-run setup: every step of SETUP_STEPS."""

    title = _("First-run setup")
    intro = _("Before the records are used: the federation whose summary this application "
              "writes. Everything can be changed later in the federation settings.")
    saved_message = _("Setup done. Welcome!")

    @property
    def steps(self):
        return SETUP_STEPS


# Pages an administrator may open before the setup is done.
OPEN_BEFORE_SETUP = frozenset({"reports:setup", "logout", "password_change",
                               "password_change_done"})
SET_UP_KEY = "federation_set_up"  # in the session, once seen: no query per page after that
NOT_SET_UP = _("This installation is not set up yet: an administrator has to name the "
               "federation first.")


class FirstRunSetupMiddleware:
    """Without a federation, an administrator's every page is the setup page. Others are not
    held up (told at sign-in, see `tell_at_sign_in`), and cost no query. After the messages
    middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, _view_args, _view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None  # the login page, /healthz: never the session
        if request.session.get(SET_UP_KEY) or not has_role(request.user, Role.ADMIN):
            return None
        if Federation.is_set_up():
            request.session[SET_UP_KEY] = True
            return None
        if request.resolver_match.view_name not in OPEN_BEFORE_SETUP:
            return redirect("reports:setup")
        return None


def tell_at_sign_in(sender, request, user, **kwargs):  # noqa: ARG001 (the signal's arguments)
    """user_logged_in: a user who is not an administrator hears that the setup is missing."""
    if not has_role(user, Role.ADMIN) and not Federation.is_set_up():
        messages.warning(request, NOT_SET_UP, fail_silently=True)
