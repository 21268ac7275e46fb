from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView

from core.edit import RecordCreateView
from core.lists import FilteredListView

from . import selectors, services
from .filters import UserFilterSet
from .forms import UserCreateForm, UserForm
from .mixins import RoleRequiredMixin
from .models import User
from .roles import ADMINS


def locked_out(request, _original_response=None, _credentials=None):
    """django-axes lockout page: a clear message and the lock's length in minutes."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


# Self-service ---------------------------------------------------------------------------------

class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page, in our layout; a forced change (must_change_password) ends here."""

    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# User management (administrators) -------------------------------------------------------------

class UserListView(RoleRequiredMixin, FilteredListView):
    roles = ADMINS
    filterset_class = UserFilterSet
    template_name = "accounts/user_list.html"
    context_object_name = "users"
    paginate_by = 50

    def get_queryset(self):
        return selectors.user_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locked"] = selectors.locked_usernames([u.username for u in context["users"]])
        return context


class UserDetailView(RoleRequiredMixin, DetailView):
    roles = ADMINS
    model = User
    template_name = "accounts/user_detail.html"
    context_object_name = "account"  # `user` is the one signed in

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = self.object
        context.update(
            events=selectors.user_events(account),
            failures=selectors.failed_attempts(account.username),
            locked=bool(selectors.locked_usernames([account.username])),
        )
        return context


class UserCreateView(RoleRequiredMixin, RecordCreateView):
    """A new account. The password (typed or generated) is shown once, on the answer to the
    form, never stored anywhere in clear; the same form sent twice creates one account."""

    roles = ADMINS
    model = User
    form_class = UserCreateForm
    template_name = "accounts/user_form.html"
    extra_context = {"title": _("New user"), "cancel_url": reverse_lazy("accounts:user-list")}
    created: User | None = None

    def save(self, form):
        data = form.cleaned_data
        password = data["password"] or services.generate_password()
        try:
            user = services.user_create(
                username=data["username"], full_name=data["full_name"], role=data["role"],
                password=password, by=self.request.user, must_change_password=True)
        except ValidationError as refused:
            raise (ValidationError({"password": refused.messages}) if data["password"]
                   else refused) from None
        self.created, self.password = user, password
        return user

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.created is None:  # refused, or a repeat of an earlier submission
            return response
        return render(self.request, "accounts/password_shown.html", {
            "account": self.created, "password": self.password,
            "typed": bool(form.cleaned_data["password"]), "title": _("User created")})


class UserUpdateView(RoleRequiredMixin, FormView):
    roles = ADMINS
    form_class = UserForm
    template_name = "accounts/user_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.account = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        role = services.role_of(self.account)
        return {"full_name": self.account.full_name, "role": role.value if role else None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit user %(username)s") % {"username": self.account.username},
            cancel_url=self.account.get_absolute_url(), account=self.account, **kwargs)

    def form_valid(self, form):
        try:
            services.user_update(user_id=self.account.pk, by=self.request.user,
                                 **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
            return self.form_invalid(form)
        messages.success(self.request, _("User saved."))
        return redirect(self.account)


class AccountActionView(RoleRequiredMixin, View):
    """A confirmation page (GET) and the action (POST) on one account."""

    roles = ADMINS
    template_name = "accounts/user_confirm.html"
    question = ""
    button = ""
    danger = True

    def dispatch(self, request, *args, **kwargs):
        self.account = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, {
            "account": self.account, "question": self.question % {"name": self.account},
            "button": self.button, "danger": self.danger,
            "form": forms.Form()})  # nothing to fill in: the question and its button

    def post(self, request, *args, **kwargs):
        try:
            response = self.act()
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect(self.account)
        return response or redirect(self.account)

    def act(self):
        raise NotImplementedError


class UserDeactivateView(AccountActionView):
    question = _("Deactivate %(name)s? They can no longer sign in; their records stay.")
    button = _("Deactivate")

    def act(self):
        services.user_set_active(user_id=self.account.pk, active=False, by=self.request.user)
        messages.success(self.request, _("User deactivated."))


class UserReactivateView(AccountActionView):
    question = _("Reactivate %(name)s? They can sign in again with their password.")
    button = _("Reactivate")
    danger = False

    def act(self):
        services.user_set_active(user_id=self.account.pk, active=True, by=self.request.user)
        messages.success(self.request, _("User reactivated."))


class PasswordResetView(AccountActionView):
    question = _("Reset the password of %(name)s? A temporary password is shown once; they "
                 "choose their own at the next sign-in.")
    button = _("Reset password")

    def act(self):
        password = services.password_reset(user_id=self.account.pk, by=self.request.user)
        return render(self.request, "accounts/password_shown.html", {
            "account": self.account, "password": password, "typed": False,
            "title": _("Password reset")})


class UserUnlockView(AccountActionView):
    question = _("Unlock the sign-in of %(name)s? Their failed attempts are forgotten.")
    button = _("Unlock")
    danger = False

    def act(self):
        services.user_unlock(user_id=self.account.pk, by=self.request.user)
        messages.success(self.request, _("Sign-in unlocked."))
