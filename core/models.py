import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatchQuerySet(models.QuerySet):
    def light(self) -> "ImportBatchQuerySet":
        """Without the file and its rows: what the batch's page and its progress need."""
        return self.defer("content", "rows")


class ImportBatch(models.Model):
    """An uploaded import file from its check to its import; kept as a record.

    The file is read once: its rows are kept here (`rows`) and confirmed from there. A large
    file is checked, and a large import saved, by the background worker (core/tasks.py).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        CHECKING = "checking", _("Being checked")
        INVALID = "invalid", _("Has problems")
        PREVIEWED = "previewed", _("Previewed")
        CONFIRMING = "confirming", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Stopped by an error")

    WORKING = (Status.QUEUED, Status.CHECKING, Status.CONFIRMING)

    kind = models.CharField(_("kind"), max_length=40)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PREVIEWED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    rows = models.BinaryField(_("rows read"), null=True, editable=False)
    preview = models.JSONField(_("preview"), default=list, editable=False)
    errors = models.JSONField(_("problems"), default=list, editable=False)
    error_count = models.PositiveIntegerField(_("number of problems"), default=0)
    progress_done = models.PositiveIntegerField(_("rows read so far"), default=0)
    progress_total = models.PositiveIntegerField(_("rows to read"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"

    @property
    def working(self) -> bool:
        return self.status in self.WORKING


class FormSubmission(models.Model):
    """One row per submitted create form: the same token twice creates one record."""

    token = models.UUIDField(unique=True, default=uuid.uuid4)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return str(self.token)


class DataVersion(models.Model):
    """One row whose `version` is raised after every committed write to the watched records
    (core.freshness): what cached figures are keyed by."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.version)
