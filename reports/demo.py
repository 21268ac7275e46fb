"""The demo county: Jiayin County's 2012 first half, built from individual records."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import Role

# Demo only: printed by load_demo so that a new user can sign in at once.
DEMO_PASSWORD = "jiayin-demo-2012"
DEMO_USERS = (
    ("staff", Role.STAFF, "张工作"),
    ("leader", Role.LEADER, "李主席"),
    ("admin", Role.ADMIN, "王管理"),
)
# Domain apps in dependency order; each has demo.load(), idempotent.
DOMAIN_APPS = ("unions", "aid", "pairings", "economy", "activities")


def load_users() -> list[User]:
    """The three demo users, one per role; running it again changes nothing."""
    users = []
    for username, role, full_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "is_staff": role == Role.ADMIN,
                      "is_superuser": role == Role.ADMIN},
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role.value)])
        users.append(user)
    return users


def load() -> list[str]:
    """Load users and every installed domain app's slice; returns the apps loaded."""
    loaded = []
    with transaction.atomic():
        load_users()
        for label in DOMAIN_APPS:
            if apps.is_installed(label) and find_spec(f"{label}.demo"):
                import_module(f"{label}.demo").load()
                loaded.append(label)
    return loaded
