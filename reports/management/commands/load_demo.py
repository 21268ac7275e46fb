from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports import demo


class Command(BaseCommand):
    help = "Load the demo county (Jiayin, 2012 first half) and the demo users. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on real data)."
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production database. "
                "load_demo adds demo users with a known password; use --force if you mean it."
            )
        loaded = demo.load()
        self.stdout.write(self.style.SUCCESS(
            "Demo data loaded" + (f" ({', '.join(loaded)})." if loaded else ".")
        ))
        self.stdout.write("Demo logins (demo only, change them on a real system):")
        for username, role, _name in demo.DEMO_USERS:
            self.stdout.write(f"  {username:<8} / {demo.DEMO_PASSWORD}   ({role.value})")
