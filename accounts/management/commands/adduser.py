import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create

PASSWORD_ENV = "GONGHUI_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a user with one role. The password is asked for, or read from the "
        f"{PASSWORD_ENV} environment variable (for scripts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--full-name", default="")

    def handle(self, *args, username, role, full_name, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"User {username!r} already exists.")
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            user_create(username=username, role=role, password=password, full_name=full_name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {role} {username!r}."))
