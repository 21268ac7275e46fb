from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .setup import tell_at_sign_in

        user_logged_in.connect(tell_at_sign_in, dispatch_uid="reports.setup.tell_at_sign_in")
