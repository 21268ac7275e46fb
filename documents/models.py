from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import TextField
from core.text import NOTE_LENGTH, REASON_LENGTH

from .filenames import FILENAME_LENGTH


class ProofDocument(models.Model):
    """A proof document (证明材料) attached to one record of a registered model."""

    class Kind(models.TextChoices):
        INCOME = "income", _("Income certificate")
        HUKOU = "hukou", _("Household registration")
        ID_CARD = "id_card", _("Identity card")
        DIAGNOSIS = "diagnosis", _("Diagnosis")
        MEDICAL_BILL = "medical_bill", _("Medical bills")
        DISABILITY = "disability", _("Disability certificate")
        SCHOOL = "school", _("School enrolment certificate")
        ADMISSION = "admission", _("Admission letter")
        BANK_RECEIPT = "bank_receipt", _("Bank receipt")
        SIGNING_SHEET = "signing_sheet", _("Signing sheet")
        OTHER = "other", _("Other")

    class MediaType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        WEBP = "image/webp", "WebP"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT,
                                     verbose_name=_("record type"))
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=FILENAME_LENGTH)
    media_type = models.CharField(_("file type"), max_length=20, choices=MediaType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Random names in the "documents" storage, never the user's file name.
    storage_key = models.CharField(_("stored as"), max_length=100, unique=True)
    thumbnail_key = models.CharField(_("thumbnail stored as"), max_length=100, blank=True)
    notes = TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("withdrawn by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = TextField(_("reason for withdrawal"), max_length=REASON_LENGTH,
                                  blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proof document")
        verbose_name_plural = _("proof documents")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"],
                                name="documents_record_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="documents_size_positive"),
            models.CheckConstraint(
                condition=(Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                           | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False)),
                name="documents_withdrawn_by_and_when"),
        ]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("documents:preview", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_image(self) -> bool:
        return self.media_type != self.MediaType.PDF
