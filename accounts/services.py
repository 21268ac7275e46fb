"""Creating users with a role: used by `adduser` and the demo loader."""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import User
from .roles import Role


def role_group(role: str) -> Group:
    """The Group of a role (created by a migration; recreated if someone removed it)."""
    group, _created = Group.objects.get_or_create(name=Role(role).value)
    return group


def user_create(*, username: str, role: str, password: str, full_name: str = "",
                validate: bool = True) -> User:
    """Create a user holding one role; admins may also use the Django admin."""
    role = Role(role)
    user = User(username=username, full_name=full_name)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = role == Role.ADMIN
    with transaction.atomic():
        user.full_clean()
        user.save()
        user.groups.add(role_group(role))
    return user
