"""Every change to an account: creating users with a role (also used by `adduser` and the demo),
and what an administrator does on the user pages, each recorded as a UserEvent."""

import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User, UserEvent
from .roles import Role, user_roles

# Letters and digits that cannot be mistaken for each other when read off a screen.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GENERATED_PASSWORD_LENGTH = 12


def role_group(role: str) -> Group:
    """The Group of a role (created by a migration; recreated if someone removed it)."""
    group, _created = Group.objects.get_or_create(name=Role(role).value)
    return group


def role_of(user: User) -> Role | None:
    """The user's role (users hold one); None for a user without a role."""
    names = user_roles(user)
    return next((role for role in Role if role.value in names), None)


def generate_password() -> str:
    """A temporary password, shown once to the administrator who gives it out."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_PASSWORD_LENGTH))


def _record(user: User, action: str, by: User | None, detail: str = "") -> None:
    UserEvent.objects.create(user=user, action=action, by=by, detail=detail[:200])


def _set_role(user: User, role: Role) -> None:
    user.is_staff = user.is_superuser = role == Role.ADMIN  # admins also use the Django admin
    user.groups.set([role_group(role)])
    user._role_names = frozenset({role.value})


def user_create(*, username: str, role: str, password: str, full_name: str = "",
                validate: bool = True, by: User | None = None,
                must_change_password: bool = False) -> User:
    """Create a user holding one role. Created by an administrator (`by`), the user chooses
    their own password at the first sign-in when `must_change_password`."""
    role = Role(role)
    user = User(username=username, full_name=full_name,
                must_change_password=must_change_password)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = role == Role.ADMIN
    with transaction.atomic():
        user.full_clean()
        user.save()
        _set_role(user, role)
        _record(user, UserEvent.Action.CREATED, by, str(role.label))
    return user


def _active_admins() -> int:
    return User.objects.filter(is_active=True, groups__name=Role.ADMIN).distinct().count()


def _keep_an_admin(user: User) -> None:
    """Refuse a change that would leave no active administrator (nobody could manage users)."""
    if user.is_active and Role.ADMIN.value in user_roles(user) and _active_admins() <= 1:
        raise ValidationError(_("This is the last active administrator: make another user an "
                                "administrator first."))


def user_update(*, user_id: int, full_name: str, role: str, by: User) -> User:
    """Change a user's name (姓名) and role; the last active administrator keeps the role."""
    role = Role(role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        old_role, old_name = role_of(user), user.full_name
        if old_role != role:
            if user.pk == by.pk:
                raise ValidationError(_("You cannot change your own role."))
            if old_role == Role.ADMIN:
                _keep_an_admin(user)
        user.full_name = full_name
        user.full_clean()
        _set_role(user, role)
        user.save()
        changes = []
        if old_name != full_name:
            changes.append(f"{old_name or '—'} → {full_name or '—'}")
        if old_role != role:
            changes.append(f"{old_role.label if old_role else '—'} → {role.label}")
        if changes:
            _record(user, UserEvent.Action.CHANGED, by, "；".join(str(c) for c in changes))
    return user


def user_set_active(*, user_id: int, active: bool, by: User) -> User:
    """Deactivate (the account stays, its records keep their author) or reactivate a user.
    Nobody deactivates themself, and the last active administrator stays."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.is_active == active:
            return user
        if not active:
            if user.pk == by.pk:
                raise ValidationError(_("You cannot deactivate your own account."))
            _keep_an_admin(user)
        user.is_active = active
        user.save(update_fields=["is_active"])
        _record(user, UserEvent.Action.REACTIVATED if active else UserEvent.Action.DEACTIVATED,
                by)
    return user


def password_reset(*, user_id: int, by: User) -> str:
    """Give the user a new temporary password (returned, to be shown once) that they must change
    at the next sign-in; a lock on their sign-in is lifted with it."""
    password = generate_password()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        axes_reset(username=user.username)
        _record(user, UserEvent.Action.PASSWORD_RESET, by)
    return password


def user_unlock(*, user_id: int, by: User) -> int:
    """Lift the sign-in lock of a user (django-axes' failed attempts for the username, from
    every address); returns how many addresses were locked or counting."""
    with transaction.atomic():
        user = User.objects.get(pk=user_id)
        cleared = axes_reset(username=user.username)
        _record(user, UserEvent.Action.UNLOCKED, by)
    return cleared


def password_changed(*, user: User) -> None:
    """The user chose their own password (Django's form saved it): the forced change is done."""
    with transaction.atomic():
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        _record(user, UserEvent.Action.PASSWORD_CHANGED, user)
