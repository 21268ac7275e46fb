from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Common")

    def ready(self) -> None:
        from . import (
            freshness,
            lookups,  # noqa: F401  (registers the bounded `in` lookup)
            versioning,
        )

        versioning.connect()
        freshness.connect()
