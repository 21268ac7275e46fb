from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "aid"
    verbose_name = _("Hardship aid")

    def ready(self):
        import documents
        from accounts.roles import EDITORS, READERS

        from .models import AidCase, HardshipWorker

        # Proof documents (证明材料) on an archive and on a case: read by every role, uploaded
        # and withdrawn by those who enter archives and cases.
        documents.register(HardshipWorker, view_roles=READERS, upload_roles=EDITORS)
        documents.register(AidCase, view_roles=READERS, upload_roles=EDITORS)
