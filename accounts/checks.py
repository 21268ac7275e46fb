"""`manage.py check --deploy`: no account may still sign in with the demo's published password."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

DEMO_PASSWORD_ID = "accounts.E001"


@register(Tags.security, deploy=True)
def demo_password_check(app_configs=None, **kwargs) -> list[Error]:  # noqa: ARG001 (the API)
    """An error for every active user whose password is the demo's, with DEBUG off."""
    if settings.DEBUG:
        return []
    from .demo import DEMO_PASSWORD
    from .models import User

    try:
        users = list(User.objects.filter(is_active=True).exclude(password="")
                     .only("username", "password"))
    except DatabaseError:  # not migrated yet: nobody can sign in
        return []
    # The hasher's function, not the user's method: that one would re-save an old hash.
    found = sorted(user.username for user in users
                   if check_password(DEMO_PASSWORD, user.password))
    if not found:
        return []
    return [Error(
        f"Active users still have the demo password (printed by load_demo): {', '.join(found)}.",
        hint="Change their passwords (the user pages' 'Reset password', or `manage.py "
             "changepassword <username>`) or deactivate them before going live.",
        id=DEMO_PASSWORD_ID,
    )]
