from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "aid"
    verbose_name = _("Hardship aid")

    def ready(self):
        import documents
        from accounts.roles import EDITORS, PAYMENT_PREPARERS, READERS

        from .models import AidCase, HardshipWorker, PaymentBatch

        # Proof documents (证明材料) on an archive and on a case: read by every role, uploaded
        # and withdrawn by those who enter archives and cases.
        documents.register(HardshipWorker, view_roles=READERS, upload_roles=EDITORS)
        documents.register(AidCase, view_roles=READERS, upload_roles=EDITORS)
        # A payment batch's scanned bank confirmation or signed sheet (签领表): uploaded by those
        # who prepare and export batches, read by every role.
        documents.register(PaymentBatch, view_roles=READERS, upload_roles=PAYMENT_PREPARERS,
                           kinds=("bank_receipt", "signing_sheet", "other"))
