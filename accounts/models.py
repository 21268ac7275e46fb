from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import validate_name

from .roles import Role, user_roles


class User(AbstractUser):
    """A person who signs in. Roles are Groups (see accounts.roles).

    One name field (姓名): Django's first and last names are not used.
    """

    full_name = models.CharField(_("full name"), max_length=60, blank=True,
                                 validators=[validate_name])
    must_change_password = models.BooleanField(
        _("must change password"), default=False,
        help_text=_("Set when an administrator creates the account or resets its password: "
                    "the user chooses their own at the next sign-in."))

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def role_labels(self) -> list[str]:
        names = user_roles(self)
        return [str(role.label) for role in Role if role.value in names]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:user-detail", args=[self.pk])


class UserEvent(models.Model):
    """What an administrator (or the user) did to an account: the audit shown on its page.

    An explicit log rather than a history of the row: a password is never copied anywhere, and a
    role (a group) or an unlock is not a column of the user.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Account created")
        CHANGED = "changed", _("Name or role changed")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        PASSWORD_RESET = "password_reset", _("Password reset")
        PASSWORD_CHANGED = "password_changed", _("Password changed by the user")
        UNLOCKED = "unlocked", _("Sign-in unlocked")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="events", verbose_name=_("user"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                           blank=True, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_action_display()}"
