"""Workers' self-employed economy (职工自营经济): households, returns, targets and grants."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import DateField, PhoneField
from core.text import validate_name

NOT_NEGATIVE = MinValueValidator(Decimal(0), message=_("The amount cannot be negative."))
POSITIVE = MinValueValidator(Decimal("0.01"), message=_("The amount must be greater than zero."))


class Sector(models.TextChoices):
    """The eight sectors of the county's statistics, in the order the summary lists them."""

    AGRICULTURE = "agriculture", pgettext_lazy(
        "sector", "Agriculture, forestry, animal husbandry and fishery")
    INDUSTRY = "industry", pgettext_lazy("sector", "Industry")
    TRANSPORT = "transport", pgettext_lazy("sector", "Transport")
    TRADE = "trade", pgettext_lazy("sector", "Wholesale and retail trade")
    HOSPITALITY = "hospitality", pgettext_lazy("sector", "Accommodation and catering")
    CULTURE = "culture", pgettext_lazy("sector", "Culture and entertainment")
    HEALTH = "health", pgettext_lazy("sector", "Health and welfare")
    OTHER_SERVICES = "other_services", pgettext_lazy("sector", "Other services")


class HouseholdQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "HouseholdQuerySet":
        """Households started on or before `day` and not closed by then."""
        return self.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day), started_on__lte=day)


class Household(models.Model):
    """A self-employed household (自营经济户) run by a worker, employed or laid off."""

    class OwnerStatus(models.TextChoices):
        EMPLOYED = "employed", _("Employed worker")
        LAID_OFF = "laid_off", _("Laid-off worker")

    owner = models.CharField(_("owner"), max_length=50, validators=[validate_name])
    owner_status = models.CharField(_("owner is"), max_length=20, choices=OwnerStatus.choices)
    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, related_name="self_employed_households",
        verbose_name=_("union"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    business = models.CharField(
        _("business"), max_length=100,
        help_text=_("What the household does, e.g. ground-grown black fungus."),
    )
    started_on = DateField(_("started on"))
    closed_on = DateField(_("closed on"), null=True, blank=True)
    phone = PhoneField(_("phone"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()
    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-employed household")
        verbose_name_plural = _("self-employed households")
        ordering = ["owner", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("started_on")),
                name="household_closed_after_started",
                violation_error_message=_("A household cannot close before it started."),
            ),
            models.UniqueConstraint(
                fields=["union", "owner", "business"], name="household_unique_per_union",
                violation_error_message=_(
                    "This union already has a household of this owner with this business."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner}（{self.business}）"

    def get_absolute_url(self) -> str:
        return reverse("economy:household-detail", args=[self.pk])


class ValueAddedReturn(models.Model):
    """Value added (增加值) of one reporter, a union or a household, in one sector and period."""

    union = models.ForeignKey(
        "unions.Union", on_delete=models.PROTECT, null=True, blank=True,
        related_name="value_added_returns", verbose_name=_("reporting union"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True,
        related_name="value_added_returns", verbose_name=_("reporting household"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    period_start = DateField(_("period from"))
    period_end = DateField(_("period to"))
    value_added = models.DecimalField(
        _("value added (yuan)"), max_digits=14, decimal_places=2, validators=[NOT_NEGATIVE],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("value-added return")
        verbose_name_plural = _("value-added returns")
        ordering = ["-period_end", "sector", "pk"]
        # The figures of a period and the years with data read the returns by their end; on
        # PostgreSQL the index also carries what the figures sum (index-only scans; SQLite
        # ignores INCLUDE).
        indexes = [models.Index(fields=["period_end"], name="return_period_end",
                                include=["period_start", "sector", "value_added"])]
        # On PostgreSQL migration 0002 adds exclusion constraints against overlapping periods
        # of the same reporter and sector; clean() states the same rule for every database.
        constraints = [
            models.CheckConstraint(
                condition=Q(union__isnull=False, household__isnull=True)
                | Q(union__isnull=True, household__isnull=False),
                name="return_exactly_one_reporter",
                violation_error_message=_(
                    "A return is reported by a union or by a household: choose exactly one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="return_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(value_added__gte=0),
                name="return_value_added_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reporter} {self.get_sector_display()} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("economy:return-detail", args=[self.pk])

    @property
    def reporter(self):
        return self.household if self.household_id else self.union

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.household_id and self.sector and self.sector != self.household.sector:
            errors.setdefault("sector", []).append(_(
                "This household reports in its own sector, %(sector)s."
            ) % {"sector": self.household.get_sector_display()})
        if self.period_start and self.period_end and self.period_end >= self.period_start:
            if self.period_start.year != self.period_end.year:
                errors.setdefault("period_end", []).append(
                    _("A return's period must lie within one calendar year.")
                )
            elif self.sector and bool(self.union_id) != bool(self.household_id):
                overlapping = self.overlapping().first()
                if overlapping is not None:
                    errors.setdefault("__all__", []).append(overlap_message(overlapping))
        if errors:
            raise ValidationError(errors)

    def overlapping(self) -> models.QuerySet:
        """Other returns of the same reporter and sector whose period meets this one's."""
        reporter = {"household_id": self.household_id} if self.household_id else {
            "union_id": self.union_id}
        return (ValueAddedReturn.objects.filter(
            sector=self.sector, period_start__lte=self.period_end,
            period_end__gte=self.period_start, **reporter,
        ).exclude(pk=self.pk).order_by("period_start"))


def overlap_message(existing: ValueAddedReturn) -> str:
    """The error shown when a return's period overlaps `existing` (form and import alike)."""
    return str(_(
        "%(reporter)s already has a %(sector)s return for %(start)s to %(end)s, "
        "which overlaps this period."
    ) % {
        "reporter": existing.reporter,
        "sector": existing.get_sector_display(),
        "start": date_format(existing.period_start, "Y-m-d"),
        "end": date_format(existing.period_end, "Y-m-d"),
    })


class AnnualTarget(models.Model):
    """The value-added target for a year (全年任务)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("There is already a target for this year.")},
    )
    value_added = models.DecimalField(
        _("value-added target (yuan)"), max_digits=14, decimal_places=2, validators=[POSITIVE],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value_added__gt=0), name="target_value_added_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Target for %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("economy:target-detail", args=[self.pk])


class SupportGrant(models.Model):
    """Money from the self-employed economy development fund to a household (扶持资金)."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="grants", verbose_name=_("household"),
    )
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2, validators=[POSITIVE],
    )
    granted_on = DateField(_("granted on"))
    purpose = models.CharField(_("purpose"), max_length=200)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support grant")
        verbose_name_plural = _("support grants")
        ordering = ["-granted_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="grant_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.granted_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("economy:grant-detail", args=[self.pk])

    def clean(self) -> None:
        if self.household_id and self.granted_on and self.granted_on < self.household.started_on:
            raise ValidationError({"granted_on": _(
                "A grant cannot be dated before the household started (%(date)s)."
            ) % {"date": date_format(self.household.started_on, "Y-m-d")}})
