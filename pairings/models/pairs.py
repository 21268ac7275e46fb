"""Pairs (帮扶对子), their helpers and their aid projects."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, TextField
from core.text import NOTE_LENGTH, REASON_LENGTH, validate_name

from .common import not_in_future
from .rounds import Beneficiary, Helper, Programme, Round

# The rule of the constraint below; services check it for many new pairs in one query.
ONE_ACTIVE_MESSAGE = _("This beneficiary is already in an active pairing of this round.")


class PairingQuerySet(models.QuerySet):
    def counted_on(self, day: date) -> "PairingQuerySet":
        """Pairs that exist on `day`: paired by then and not ended (out of poverty still counts)."""
        ended = Q(status=Pairing.Status.ENDED, closed_on__lte=day)
        return self.filter(paired_on__lte=day).exclude(ended)

    def active_on(self, day: date) -> "PairingQuerySet":
        """Pairs still helping on `day`: paired by then and neither out of poverty nor ended."""
        closed = ~Q(status=Pairing.Status.ACTIVE) & Q(closed_on__lte=day)
        return self.filter(paired_on__lte=day).exclude(closed)


class Pairing(models.Model):
    """A pair (帮扶对子): helpers joined to one beneficiary in a round."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being helped")
        EXITED = "exited", _("Out of poverty")
        ENDED = "ended", _("Ended")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="pairings",
                              verbose_name=_("round"))
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT,
                                    related_name="pairings", verbose_name=_("beneficiary"))
    helpers = models.ManyToManyField(Helper, through="PairingHelper", related_name="pairings",
                                     verbose_name=_("helpers"))
    paired_on = DateField(_("paired on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    closed_on = DateField(
        _("closed on"), null=True, blank=True,
        help_text=_("The day the beneficiary got out of poverty, or the pairing ended."),
    )
    # The note typed with the pair, and the remark added when it closes.
    note = TextField(_("note"), blank=True, max_length=NOTE_LENGTH + 1 + REASON_LENGTH)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()
    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-paired_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "beneficiary"], condition=Q(status="active"),
                name="pairing_one_active_per_beneficiary_and_round",
                violation_error_message=ONE_ACTIVE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(status="active", closed_on__isnull=True)
                | (~Q(status="active") & Q(closed_on__isnull=False)),
                name="pairing_closed_on_iff_closed",
                violation_error_message=_(
                    "An active pairing has no closing date; a closed one must have one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("paired_on")),
                name="pairing_closed_after_paired",
                violation_error_message=_("A pairing cannot close before it was made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.beneficiary}"

    def get_absolute_url(self) -> str:
        return reverse("pairings:pairing-detail", args=[self.pk])

    def clean(self):
        errors: dict[str, ValidationError] = {}
        if self.round_id and self.beneficiary_id:
            allowed = self.round.programme.beneficiary_kinds
            if self.beneficiary.kind not in allowed:
                errors["beneficiary"] = ValidationError(
                    _("A %(kind)s cannot be paired in this programme."),
                    code="beneficiary_kind",
                    params={"kind": self.beneficiary.get_kind_display()},
                )
        if self.round_id:
            for field in ("paired_on", "closed_on"):
                day = getattr(self, field)
                if day and not self.round.covers(day):
                    errors[field] = self.round.outside_message()
        errors.update(not_in_future(self.paired_on, "paired_on"))
        errors.update(not_in_future(self.closed_on, "closed_on"))
        if errors:
            raise ValidationError(errors)


class PairingHelper(models.Model):
    """One helper of one pairing."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="helper_links",
                                verbose_name=_("pairing"))
    helper = models.ForeignKey(Helper, on_delete=models.PROTECT, related_name="pairing_links",
                               verbose_name=_("helper"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("helper of a pairing")
        verbose_name_plural = _("helpers of pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "helper"], name="pairing_helper_once",
                violation_error_message=_("This helper is already in this pairing."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helper} → {self.pairing}"


class Project(models.Model):
    """An aid project (帮扶项目) of a pairing."""

    class Sector(models.TextChoices):
        BREEDING = "breeding", _("Breeding")
        PLANTING = "planting", _("Planting")
        PROCESSING = "processing", _("Processing")
        COMMERCE = "commerce", _("Commerce and services")
        TRANSPORT = "transport", _("Transport")
        OTHER = "other", _("Other")

    pairing = models.ForeignKey(Pairing, on_delete=models.PROTECT, related_name="projects",
                                verbose_name=_("pairing"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    name = models.CharField(_("name"), max_length=100, validators=[validate_name])
    started_on = DateField(_("started on"))
    note = TextField(_("note"), blank=True, max_length=NOTE_LENGTH)
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aid project")
        verbose_name_plural = _("aid projects")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "name"], name="project_unique_name_per_pairing",
                violation_error_message=_("This pairing already has a project of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pairings:project-detail", args=[self.pk])

    def clean(self):
        errors: dict[str, ValidationError] = {}
        if self.pairing_id and self.started_on:
            pairing = self.pairing
            if self.pairing.round.programme.kind != Programme.Kind.POVERTY:
                errors["pairing"] = ValidationError(
                    _("Projects belong to pairings of the poverty-alleviation programme."),
                    code="project_programme",
                )
            if not pairing.round.covers(self.started_on):
                errors["started_on"] = pairing.round.outside_message()
            elif self.started_on < pairing.paired_on:
                errors["started_on"] = ValidationError(
                    _("A project cannot start before its pairing was made (%(day)s)."),
                    code="before_pairing", params={"day": pairing.paired_on},
                )
        errors.update(not_in_future(self.started_on, "started_on"))
        if errors:
            raise ValidationError(errors)
