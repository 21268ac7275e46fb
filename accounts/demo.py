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
    """The three demo users, with the demo password on a database without users.

    Where users exist (a real installation, or the demo loaded before) no existing user is
    changed: `make run` against a real database must not reset the password of someone called
    "admin". A demo user missing there is added without a usable password (the demo's records
    need a staff user and a leader; nobody can sign in as them). `force` (re)sets the demo users,
    the demo password included. Returns the three demo users.
    """
    published = force or not User.objects.exists()
    users = []
    for username, role, full_name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created or force:
            user.full_name = full_name
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.is_active = True
            user.must_change_password = False  # the demo signs in with the printed password
            if published:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
            user.groups.set([role_group(role)])
        users.append(user)
    return users
