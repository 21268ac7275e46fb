"""The demo's three users (one per role) and their published password.

The password is printed by `load_demo` so that a new user can sign in at once; the deploy check
(accounts.checks) refuses any active account that still has it once DEBUG is off.
"""

from .models import User
from .roles import Role
from .services import role_group

DEMO_PASSWORD = "jiayin-demo-2012"
DEMO_USERS = (
    ("staff", Role.STAFF, "张工作"),
    ("leader", Role.LEADER, "李主席"),
    ("admin", Role.ADMIN, "王管理"),
)


def load_users(*, force: bool = False) -> list[User]:
    """The three demo users, created with the demo password on a database without users.

    Where users exist (a real installation, or the demo loaded before) nothing about them is
    changed and no demo user is added: `make run` against a real database must not reset the
    password of someone called "admin". `force` (re)sets the demo users, passwords included.
    Returns the demo users that exist afterwards.
    """
    if force or not User.objects.exists():
        for username, role, full_name in DEMO_USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.full_name = full_name
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.is_active = True
            user.must_change_password = False  # the demo's users sign in with the printed password
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([role_group(role)])
    return list(User.objects.filter(username__in=[name for name, _role, _n in DEMO_USERS]))
