from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import freshness

        from .setup import tell_at_sign_in

        # The summary's figures are cached per period and data version (services.assemble):
        # writes to the apps they are computed from make them stale.
        freshness.watch("unions", "aid", "pairings", "economy", "activities")

        user_logged_in.connect(tell_at_sign_in, dispatch_uid="reports.setup.tell_at_sign_in")
