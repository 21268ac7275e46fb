from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from reports import demo


class Command(BaseCommand):
    help = (
        "Load the demo county (Jiayin, 2012 first half). Idempotent. The demo users are created "
        "with the demo password only on a database without users (or with --force): existing "
        "users and their passwords are never touched otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Run even with DEBUG off, and (re)set the demo users and their password even "
                 "where users exist (never on real data).",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production database. "
                "load_demo adds demo users with a known password; use --force if you mean it."
            )
        had_users = User.objects.exists()
        loaded = demo.load(force_users=force)
        self.stdout.write(self.style.SUCCESS(
            "Demo data loaded" + (f" ({', '.join(loaded)})." if loaded else ".")
        ))
        if had_users and not force:
            self.stdout.write("Users existed already: no user or password was changed, and a "
                              "missing demo user was added without a usable password "
                              "(--force sets the demo users' password).")
            return
        self.stdout.write("Demo logins (demo only, change them on a real system):")
        for username, role, _name in demo.DEMO_USERS:
            self.stdout.write(f"  {username:<8} / {demo.DEMO_PASSWORD}   ({role.value})")
