from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import (
    birth_date_of,
    mask_id_number,
    normalize_id_number,
    sex_of,
    validate_resident_id,
)


class HardshipWorker(models.Model):
    """A hardship-worker archive (困难职工档案), one per ID number."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class EmploymentStatus(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        LAID_OFF = "laid_off", _("Laid off")
        RETIRED = "retired", _("Retired")

    class HardshipLevel(models.TextChoices):
        EXTREME = "extreme", _("Extreme hardship")
        RELATIVE = "relative", _("Relative hardship")
        ACCIDENT = "accident", _("Hardship by accident")

    class Cause(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        DISABILITY = "disability", _("Disability")
        UNEMPLOYMENT = "unemployment", _("Unemployment")
        SCHOOLING = "schooling", _("Children's schooling")
        DISASTER = "disaster", _("Disaster")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_resident_id],
        error_messages={"unique": _("An archive with this ID number already exists.")},
    )
    birth_date = models.DateField(_("date of birth"), editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    union = models.ForeignKey("unions.Union", on_delete=models.PROTECT,
                              related_name="hardship_workers", verbose_name=_("union"))
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    employment_status = models.CharField(_("employment status"), max_length=20,
                                         choices=EmploymentStatus.choices)
    hardship_level = models.CharField(_("hardship level"), max_length=20,
                                      choices=HardshipLevel.choices)
    causes = models.JSONField(_("causes of hardship"), default=list, blank=True)
    household_size = models.PositiveSmallIntegerField(_("household size"), default=1,
                                                      validators=[MinValueValidator(1)])
    income_per_capita = models.DecimalField(
        _("monthly income per person (yuan)"), max_digits=14, decimal_places=2,
        default=Decimal(0), validators=[MinValueValidator(Decimal(0))],
    )
    registered_on = models.DateField(_("registered on"))
    exited_on = models.DateField(_("out of hardship on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hardship worker")
        verbose_name_plural = _("hardship workers")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exited_on__isnull=True) | Q(exited_on__gte=F("registered_on")),
                name="worker_exit_after_registration",
                violation_error_message=_("A worker cannot leave hardship before registration."),
            ),
            models.CheckConstraint(condition=Q(household_size__gte=1),
                                   name="worker_household_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Birth date and sex are read from the ID number, never typed.
        self.id_number = normalize_id_number(self.id_number)
        self.birth_date = birth_date_of(self.id_number)
        self.sex = sex_of(self.id_number)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("aid:worker-detail", args=[self.pk])

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)
