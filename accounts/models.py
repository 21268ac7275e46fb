from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import validate_name

from .roles import Role, user_roles


class User(AbstractUser):
    """A person who signs in. Roles are Groups (see accounts.roles)."""

    full_name = models.CharField(_("full name"), max_length=60, blank=True,
                                 validators=[validate_name])

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
