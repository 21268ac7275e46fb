"""Programmes and their rounds, helpers and beneficiaries."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import DateField, PhoneField
from core.text import ascii_int, validate_name


class Programme(models.Model):
    """A programme: the "一帮一" poverty-alleviation project, or student aid (助学结对)."""

    class Kind(models.TextChoices):
        POVERTY = "poverty", _("Poverty alleviation and entrepreneurship")
        STUDENT = "student", _("Student aid")

    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_name])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def beneficiary_kinds(self) -> tuple[str, ...]:
        if self.kind == self.Kind.STUDENT:
            return (Beneficiary.Kind.STUDENT,)
        return (Beneficiary.Kind.WORKER, Beneficiary.Kind.BASE)

    @property
    def helper_kinds(self) -> tuple[str, ...]:
        if self.kind == self.Kind.STUDENT:
            return (Helper.Kind.BRANCH,)
        return (Helper.Kind.OFFICIAL, Helper.Kind.UNIT)


class RoundQuerySet(models.QuerySet):
    def running_on(self, day: date) -> "RoundQuerySet":
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))

    def by_param(self, value: str) -> "RoundQuerySet":
        """A round given in a URL: its id, or its name (e.g. ?round=第五轮)."""
        value = (value or "").strip()
        pk = ascii_int(value)
        return self.filter(pk=pk) if pk is not None else self.filter(name=value)


class Round(models.Model):
    """A round of a programme (第五轮), with its dates and the exit target (脱贫率) in percent."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rounds",
                                  verbose_name=_("programme"))
    name = models.CharField(
        _("name"), max_length=50, unique=True, validators=[validate_name],
        error_messages={"unique": _("A round with this name already exists.")},
    )
    starts_on = DateField(_("starts on"))
    ends_on = DateField(_("ends on"), null=True, blank=True)
    exit_target = models.DecimalField(
        _("exit target (%)"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Share of pairs out of poverty by the end of the round, in percent."),
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()
    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="round_ends_after_start",
                violation_error_message=_("A round cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(exit_target__isnull=True)
                | Q(exit_target__gte=0, exit_target__lte=100),
                name="round_exit_target_is_a_percentage",
                violation_error_message=_("The exit target is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pairings:round-detail", args=[self.pk])

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def outside_message(self) -> ValidationError:
        """The error of a date outside the round, which names its dates."""
        if self.ends_on:
            return ValidationError(
                _("The date must be inside the round (%(start)s to %(end)s)."),
                code="outside_round", params={"start": self.starts_on, "end": self.ends_on},
            )
        return ValidationError(
            _("The date must be inside the round (from %(start)s)."),
            code="outside_round", params={"start": self.starts_on},
        )

    def clean(self):
        if not self.programme_id or not self.starts_on:
            return
        overlapping = Round.objects.filter(programme_id=self.programme_id).exclude(pk=self.pk)
        overlapping = overlapping.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on)
        )
        if self.ends_on:
            overlapping = overlapping.filter(starts_on__lte=self.ends_on)
        clash = overlapping.first()
        if clash:
            raise ValidationError(
                _("This round overlaps %(round)s of the same programme."),
                code="overlap", params={"round": clash.name},
            )
        if self.pk:
            self._check_records_inside()

    def _check_records_inside(self) -> None:
        """New dates must still hold the round's pairs, projects and ledger lines."""
        spans = self.pairings.aggregate(
            first=Min("paired_on"), last=Max("paired_on"), closed=Max("closed_on"),
            project_first=Min("projects__started_on"), project_last=Max("projects__started_on"),
        ) | self.fund_entries.aggregate(entry_first=Min("entered_on"), entry_last=Max("entered_on"))
        days = [day for day in spans.values() if day is not None]
        if not days:
            return
        if min(days) < self.starts_on or (self.ends_on and max(days) > self.ends_on):
            raise ValidationError(
                _("The round's records run from %(first)s to %(last)s; its dates must "
                  "include them."),
                code="records_outside", params={"first": min(days), "last": max(days)},
            )


class Helper(models.Model):
    """Who helps: a division-level official, a helping unit, or a party branch."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Division-level official")
        UNIT = "unit", _("Helping unit")
        BRANCH = "branch", _("Party branch")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, validators=[validate_name])
    organisation = models.CharField(
        _("organisation"), max_length=100, blank=True, validators=[validate_name],
        help_text=_("The official's post and unit, or the organisation a branch belongs to."),
    )
    phone = PhoneField(_("phone"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "name", "organisation"], name="helper_unique_name",
                violation_error_message=_("This helper already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Beneficiary(models.Model):
    """Who is helped: a hardship worker from the archive, an entrepreneurship base, a student."""

    class Kind(models.TextChoices):
        WORKER = "worker", _("Hardship worker")
        BASE = "base", _("Entrepreneurship base")
        STUDENT = "student", _("Student in hardship")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    worker = models.ForeignKey(
        "aid.HardshipWorker", on_delete=models.PROTECT, null=True, blank=True,
        related_name="pairing_beneficiaries", verbose_name=_("hardship worker"),
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, validators=[validate_name],
        help_text=_("For a base or a student; a hardship worker's name comes from the archive."),
    )
    description = models.CharField(
        _("description"), max_length=200, blank=True,
        help_text=_("A base's place and trade, or a student's school and grade."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="worker", worker__isnull=False, name="")
                | (~Q(kind="worker") & Q(worker__isnull=True) & ~Q(name="")),
                name="beneficiary_worker_or_named",
                violation_error_message=_(
                    "A hardship worker is chosen from the archive; a base or a student has a name."
                ),
            ),
            models.UniqueConstraint(
                fields=["worker"], condition=Q(worker__isnull=False),
                name="beneficiary_one_per_worker",
                violation_error_message=_("This hardship worker is already a beneficiary."),
            ),
            models.UniqueConstraint(
                fields=["kind", "name", "description"], condition=Q(worker__isnull=True),
                name="beneficiary_unique_name",
                violation_error_message=_("This beneficiary already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.worker.name if self.worker_id else self.name
