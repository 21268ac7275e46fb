"""The three roles of DESIGN §4 and the one way to ask whether a user has one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Each role is a Group of this name, created by a data migration."""

    STAFF = "staff", _("Staff")
    LEADER = "leader", _("Leader")
    ADMIN = "admin", _("Administrator")


# Who may do what (DESIGN §4), named once; views and services use these, never their own tuples.
READERS = (Role.STAFF, Role.LEADER, Role.ADMIN)  # read every record and the summary
EDITORS = (Role.STAFF, Role.ADMIN)  # create and edit records, submit aid cases, import them
DECIDERS = (Role.LEADER,)  # approve, reject and mark paid (never their own), publish
WRITERS = (Role.STAFF, Role.LEADER)  # the summary's narrative
PAYMENT_PREPARERS = (Role.STAFF, Role.LEADER)  # put approved aid cases in a batch, export it
ADMINS = (Role.ADMIN,)  # the registry and headcounts, users, the Django admin


def user_roles(user) -> frozenset[str]:
    """The role names of a signed-in user (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        valid = set(Role.values)
        if "groups" in getattr(user, "_prefetched_objects_cache", {}):  # a list's rows
            names = [group.name for group in user.groups.all()]
        else:
            names = user.groups.values_list("name", flat=True)
        cached = frozenset(n for n in names if n in valid)
        user._role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    """True when the user holds at least one of the given roles."""
    return bool(user_roles(user) & set(roles))
