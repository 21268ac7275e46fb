"""Aid money (issue 17): where it comes from (fund sources and their yearly allocations), how it
is paid (payment batches: a bank transfer list or a signing sheet), and who downloaded a batch's
confidential bank file.

A case is charged to one source when a leader approves it (aid.funds_services.charge); the
source's balance of a year is allocated − committed (approved, unpaid) − paid, the cases counted
by the year they were granted. Imported at the bottom of aid/models.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, TextField
from core.text import NOTE_LENGTH, REASON_LENGTH, validate_name

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_MONEY = Decimal("999999999999.99")  # max_digits=14, decimal_places=2


class FundSource(models.Model):
    """A source of aid money (资金来源), e.g. 2012年中央财政专项帮扶资金; kept by administrators."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central special aid fund")
        PROVINCE = "province", _("Allocated by the provincial federation")
        CITY = "city", _("Allocated by the city federation")
        COUNTY = "county", _("County matching fund")
        OWN = "own", _("This federation's union funds")
        DONATION = "donation", _("Public donations")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_name],
                            error_messages={"unique": _("A fund source with this name exists.")})
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(_("active"), default=True,
                                 help_text=_("Only active sources are offered when approving."))
    notes = TextField(_("notes"), blank=True, max_length=NOTE_LENGTH)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund source")
        verbose_name_plural = _("fund sources")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aid:fund-detail", args=[self.pk])


class FundAllocation(models.Model):
    """Money received for a source in a year (拨付/到账), with the document that granted it."""

    source = models.ForeignKey(FundSource, on_delete=models.PROTECT, related_name="allocations",
                               verbose_name=_("fund source"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_MONEY)])
    received_on = DateField(_("received on"))
    document_number = models.CharField(_("document number"), max_length=50, blank=True,
                                       validators=[validate_name],
                                       help_text=_("The number of the granting document."))
    notes = TextField(_("notes"), blank=True, max_length=NOTE_LENGTH)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund allocation")
        verbose_name_plural = _("fund allocations")
        ordering = ["-year", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive",
                                   violation_error_message=_("The amount must be more than zero.")),
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                                   name="allocation_year_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.year}"


class KindFundSource(models.Model):
    """The source a case of a kind is charged to by default (a campaign's own default first)."""

    kind = models.CharField(_("kind"), max_length=20, unique=True,
                            choices=[("visit", _("Holiday visit")), ("living", _("Living relief")),
                                     ("medical", _("Medical relief")),
                                     ("education", _("Education relief"))])
    source = models.ForeignKey(FundSource, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("fund source"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("default fund source of a kind")
        verbose_name_plural = _("default fund sources of the kinds")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source}"


class PaymentBatch(models.Model):
    """Approved cases paid together: by bank transfer (社会化发放) or in cash against a
    signature (签领). Marked paid in one step (aid.funds_services.batch_mark_paid).

    The scanned bank confirmation or the signed sheet is a proof document of the batch
    (registered in aid/apps.py); `confirmation_note` keeps the bank's reference.
    """

    class Method(models.TextChoices):
        BANK = "bank", _("Bank transfer (社会化发放)")
        CASH = "cash", _("Cash against signature (签领)")

    class Status(models.TextChoices):
        OPEN = "open", _("Being prepared")
        PAID = "paid", _("Paid")

    name = models.CharField(_("name"), max_length=100, validators=[validate_name])
    method = models.CharField(_("payment method"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", editable=False,
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    paid_on = DateField(_("paid on"), null=True, blank=True, editable=False)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", editable=False,
                                verbose_name=_("marked paid by"))
    paid_at = models.DateTimeField(_("marked paid at"), null=True, blank=True, editable=False)
    confirmation_note = TextField(_("confirmation"), blank=True, max_length=REASON_LENGTH,
                                  editable=False,
                                  help_text=_("e.g. the bank's reference or who brought the "
                                              "signed sheet back."))
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paid") | (Q(paid_on__isnull=False) & Q(paid_by__isnull=False)),
                name="batch_paid_has_date_and_payer"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aid:batch-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PaymentLine(models.Model):
    """One case in a batch: to pay, paid, or failed (wrong account: the case is approved again)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To pay")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="lines",
                              verbose_name=_("payment batch"))
    case = models.ForeignKey("aid.AidCase", on_delete=models.PROTECT,
                             related_name="payment_lines", verbose_name=_("aid case"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01")),
                                             MaxValueValidator(MAX_MONEY)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING, editable=False)
    failure_reason = TextField(_("reason it failed"), blank=True, max_length=REASON_LENGTH,
                               editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["batch", "pk"]
        constraints = [
            # A case is in at most one batch that has not failed it.
            models.UniqueConstraint(fields=["case"], condition=~Q(status="failed"),
                                    name="line_one_live_line_per_case",
                                    violation_error_message=_("This case is already in a "
                                                              "payment batch.")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="line_amount_positive"),
            models.CheckConstraint(condition=~Q(status="failed") | ~Q(failure_reason=""),
                                   name="line_failed_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.case}"


class PaymentFileDownload(models.Model):
    """Who downloaded a batch's file, and when: the bank list holds whole account numbers."""

    class Kind(models.TextChoices):
        BANK_LIST = "bank_list", _("Bank transfer list (.xlsx)")
        SIGNING_SHEET = "signing_sheet", _("Signing sheet (.docx)")

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="downloads",
                              verbose_name=_("payment batch"))
    kind = models.CharField(_("file"), max_length=20, choices=Kind.choices)
    downloaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("downloaded by"))
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True)
    lines = models.PositiveIntegerField(_("lines"), default=0)
    total = models.DecimalField(_("total (yuan)"), max_digits=14, decimal_places=2,
                                default=Decimal(0))

    class Meta:
        verbose_name = _("payment file download")
        verbose_name_plural = _("payment file downloads")
        ordering = ["-downloaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.batch} {self.get_kind_display()}"
